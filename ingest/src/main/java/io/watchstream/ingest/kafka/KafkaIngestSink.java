package io.watchstream.ingest.kafka;

import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.kafka.RecordChecks.Verdict;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link IngestSink.Batch}es with one idempotent, transactional producer: datapoints to the metrics
 * topic keyed by series, log events to the logs topic keyed by log group and stream (so each series and
 * stream stays ordered in one partition), and checkpoints to the compacted checkpoint topic, all in one
 * Kafka transaction. The transactional id is derived from the instance id: a restarted instance fences
 * its predecessor and aborts whatever it left open, which is what makes a restart neither lose nor repeat.
 *
 * <p>Records {@link RecordChecks} refuses (non-finite values, timestamps out of bounds, log events too large for
 * the broker) go, encoded as they would have been, to {@code metrics.dlq} / {@code logs.dlq} in the same
 * transaction, with {@link DeadLetterHeaders} (kind, reason, stage {@code ingest}; no source headers, as they
 * were never on a topic) and counted; a log event too large for any record goes there with its message cut.
 * No record of the batch can then make the broker refuse the transaction.
 */
public final class KafkaIngestSink implements IngestSink {

  private static final Logger log = LoggerFactory.getLogger(KafkaIngestSink.class);

  private final Properties producerConfig;
  private KafkaProducer<byte[], byte[]> producer;
  // Set when an abort failed too: the producer's transaction state is unknown, so the next commit starts
  // with a new producer, whose initTransactions aborts whatever the old one left open.
  private boolean needsNewProducer;
  private final Topics topics;
  private final String checkpointTopic;
  private final Serializer<io.watchstream.avro.MetricSeriesKey> metricKeys;
  private final Serializer<io.watchstream.avro.MetricDatapoint> metricValues;
  private final Serializer<io.watchstream.avro.LogStreamKey> logKeys;
  private final Serializer<io.watchstream.avro.LogEvent> logValues;
  // Encoded series keys by key instance: the poller reuses one key object per series, and a series' key
  // bytes never change, so each key is encoded once instead of once per datapoint.
  private final Map<io.watchstream.avro.MetricSeriesKey, byte[]> encodedKeys = new java.util.IdentityHashMap<>();
  private final RecordChecks checks;
  private final Clock clock;
  private final IngestMetrics meters;

  public KafkaIngestSink(IngestConfig config, Topics topics) {
    this(config, topics, Clock.systemUTC(), null);
  }

  /** {@code meters} may be null (nothing counted). */
  public KafkaIngestSink(IngestConfig config, Topics topics, Clock clock, IngestMetrics meters) {
    this.checks = new RecordChecks(config.bounds());
    this.clock = clock;
    this.meters = meters;
    this.topics = topics;
    this.checkpointTopic = config.kafka().topics().checkpoints();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    // Idempotence plus transactions: no duplicates from producer retries, and data + checkpoint commit atomically.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(config));
    // A poll cycle writes thousands of small records at once: batch them.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
    p.putAll(config.kafka().producer());
    this.producerConfig = p;
    this.metricKeys = topics.metrics().keySerde().serializer();
    this.metricValues = topics.metrics().valueSerde().serializer();
    this.logKeys = topics.logs().keySerde().serializer();
    this.logValues = topics.logs().valueSerde().serializer();
    this.producer = newProducer();
  }

  private KafkaProducer<byte[], byte[]> newProducer() {
    KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      p.initTransactions();
    } catch (RuntimeException e) {
      p.close(Duration.ZERO);
      throw e;
    }
    return p;
  }

  /** One transactional id per instance and shard, stable across restarts. */
  public static String transactionalId(IngestConfig config) {
    return "watchstream-ingest-" + config.instanceId() + "-" + config.shard().index() + "of" + config.shard().count();
  }

  @Override
  public void commit(Batch batch) {
    if (batch.isEmpty()) {
      return;
    }
    String metrics = topics.metrics().name();
    String logs = topics.logs().name();
    long now = clock.millis();
    List<String> setAside = new ArrayList<>();
    try {
      if (needsNewProducer) {
        producer.close(Duration.ZERO);
        producer = newProducer();
        needsNewProducer = false;
        log.info("replaced the Kafka producer after a failed transaction");
      }
      producer.beginTransaction();
      for (MetricRecord r : batch.metrics()) {
        byte[] key = encodedKey(metrics, r.key());
        byte[] value = metricValues.serialize(metrics, r.value());
        Verdict refused = checks.check(r.value(), now);
        if (refused == null) {
          producer.send(new ProducerRecord<>(metrics, null,
              checks.recordTimestamp(r.value().getTimestamp().toEpochMilli(), now), key, value));
        } else {
          producer.send(setAside(metrics, now, key, value, refused));
          setAside.add("metrics|" + refused.kind().header());
        }
      }
      for (LogRecord r : batch.logs()) {
        byte[] key = logKeys.serialize(logs, r.key());
        byte[] value = logValues.serialize(logs, r.value());
        Verdict refused = checks.check(r.value(), now);
        if (refused == null) {
          refused = checks.tooLarge(key.length + value.length);
          if (refused != null) {
            value = logValues.serialize(logs, cut(r.value()));
          }
        }
        if (refused == null) {
          producer.send(new ProducerRecord<>(logs, null,
              checks.recordTimestamp(r.value().getTimestamp().toEpochMilli(), now), key, value));
        } else {
          producer.send(setAside(logs, now, key, value, refused));
          setAside.add("logs|" + refused.kind().header());
        }
      }
      for (Map.Entry<String, byte[]> c : batch.checkpoints().entrySet()) {
        producer.send(new ProducerRecord<>(checkpointTopic, c.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8), c.getValue()));
      }
      // Send errors surface here; a failed commit leaves nothing visible.
      producer.commitTransaction();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      // Another instance took over this transactional id (or the producer is unusable): stop, never write twice.
      throw new FatalSinkException("producer can no longer write: " + e.getMessage(), e);
    } catch (KafkaException | IllegalStateException e) {
      abortQuietly(e);
      throw new SinkException("Kafka transaction failed and was aborted: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // e.g. the schema registry is unreachable while serializing: nothing was committed.
      abortQuietly(e);
      throw new SinkException("could not write batch: " + e.getMessage(), e);
    }
    if (meters != null) {
      // Counted only once committed: a retried batch would otherwise count its records twice.
      for (String s : setAside) {
        String[] topicAndKind = s.split("\\|", 2);
        meters.setAside(topicAndKind[0], topicAndKind[1]);
      }
    }
    if (!setAside.isEmpty()) {
      log.warn("set aside {} record(s) to the .dlq topics: {}", setAside.size(), setAside);
    }
  }

  private static ProducerRecord<byte[], byte[]> setAside(String topic, long now, byte[] key, byte[] value, Verdict why) {
    Headers headers = DeadLetterHeaders.from(null).kind(why.kind()).reason(why.reason()).stage("ingest").build();
    return new ProducerRecord<>(TopicNames.deadLetter(topic), null, now, key, value, headers);
  }

  /** The event with its message cut so that it fits a record with room to spare (UTF-8: up to 4 bytes a char). */
  private io.watchstream.avro.LogEvent cut(io.watchstream.avro.LogEvent e) {
    String message = e.getMessage().toString();
    int keep = Math.max(0, Math.min(message.length(), checks.maxRecordBytes() / 8));
    return io.watchstream.avro.LogEvent.newBuilder(e)
        .setMessage(message.substring(0, keep) + "… (cut from " + message.length() + " chars)").build();
  }

  private byte[] encodedKey(String topic, io.watchstream.avro.MetricSeriesKey key) {
    if (encodedKeys.size() > 1_000_000) {
      encodedKeys.clear();
    }
    return encodedKeys.computeIfAbsent(key, k -> metricKeys.serialize(topic, k));
  }

  private void abortQuietly(Exception cause) {
    try {
      producer.abortTransaction();
    } catch (RuntimeException abortFailure) {
      needsNewProducer = true;
      cause.addSuppressed(abortFailure);
      log.warn("abort after failed transaction also failed: {}", abortFailure.toString());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** A batch was not written; retrying the cycle is safe. */
  public static class SinkException extends RuntimeException {
    public SinkException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The sink cannot write any more; the service must stop. */
  public static final class FatalSinkException extends SinkException {
    public FatalSinkException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

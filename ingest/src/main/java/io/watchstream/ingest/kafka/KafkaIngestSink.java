package io.watchstream.ingest.kafka;

import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.runtime.kafka.KafkaAuthenticationFailed;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
 * the broker) go to {@code metrics.dlq} / {@code logs.dlq} in the same transaction ({@link BatchRecordEncoder}
 * builds them, with {@link DeadLetterHeaders} but no source headers, as they were never on a topic) and are counted
 * once committed. No record of the batch can then make the broker refuse the transaction.
 */
public final class KafkaIngestSink implements IngestSink {

  private static final Logger log = LoggerFactory.getLogger(KafkaIngestSink.class);

  private final Properties producerConfig;
  private KafkaProducer<byte[], byte[]> producer;
  // Set when an abort failed too: the producer's transaction state is unknown, so the next commit starts
  // with a new producer, whose initTransactions aborts whatever the old one left open.
  private boolean needsNewProducer;
  private final BatchRecordEncoder encoder;
  private final Clock clock;
  private final IngestMetrics meters;

  public KafkaIngestSink(IngestConfig config, Topics topics) {
    this(config, topics, Clock.systemUTC(), null);
  }

  /** {@code meters} may be null (nothing counted). */
  public KafkaIngestSink(IngestConfig config, Topics topics, Clock clock, IngestMetrics meters) {
    this(config, KafkaConnection.plain(config.kafka().bootstrapServers(), config.kafka().schemaRegistryUrl()), topics, clock, meters);
  }

  /** Connected through {@code connection} (its client properties under the producer's own settings). */
  public KafkaIngestSink(IngestConfig config, KafkaConnection connection, Topics topics, Clock clock, IngestMetrics meters) {
    this.encoder = new BatchRecordEncoder(topics, config.kafka().topics().checkpoints(), new RecordChecks(config.bounds()));
    this.clock = clock;
    this.meters = meters;
    Properties p = new Properties();
    p.putAll(connection.clientConfig());
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
    try {
      this.producer = newProducer();
    } catch (RuntimeException e) {
      KafkaAuthenticationFailed.rethrowIfAuthentication(e, connection.clientConfig());
      throw e;
    }
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
        producer.send(encoder.metric(r, now, setAside));
      }
      for (LogRecord r : batch.logs()) {
        producer.send(encoder.log(r, now, setAside));
      }
      for (Map.Entry<String, byte[]> c : batch.checkpoints().entrySet()) {
        producer.send(encoder.checkpoint(c.getKey(), c.getValue()));
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

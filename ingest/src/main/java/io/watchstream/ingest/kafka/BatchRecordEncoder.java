package io.watchstream.ingest.kafka;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.ingest.kafka.IngestSink.LogRecord;
import io.watchstream.ingest.kafka.IngestSink.MetricRecord;
import io.watchstream.ingest.kafka.RecordChecks.Verdict;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns the records of an {@link IngestSink.Batch} into the byte records {@link KafkaIngestSink} sends: a datapoint
 * to the metrics topic, a log event to the logs topic, a checkpoint to the checkpoint topic. A record
 * {@link RecordChecks} refuses goes, encoded as it would have been, to {@code metrics.dlq} / {@code logs.dlq} with
 * {@link DeadLetterHeaders} (kind, reason, stage {@code ingest}), and its topic and kind are added to the caller's
 * {@code setAside} list as {@code topic|kind}; a log event too large for any record goes there with its message cut.
 */
final class BatchRecordEncoder {

  private final Topics topics;
  private final String checkpointTopic;
  private final Serializer<MetricSeriesKey> metricKeys;
  private final Serializer<MetricDatapoint> metricValues;
  private final Serializer<LogStreamKey> logKeys;
  private final Serializer<LogEvent> logValues;
  // Encoded series keys by key instance: the poller reuses one key object per series, and a series' key
  // bytes never change, so each key is encoded once instead of once per datapoint.
  private final Map<MetricSeriesKey, byte[]> encodedKeys = new IdentityHashMap<>();
  private final RecordChecks checks;

  BatchRecordEncoder(Topics topics, String checkpointTopic, RecordChecks checks) {
    this.topics = topics;
    this.checkpointTopic = checkpointTopic;
    this.checks = checks;
    this.metricKeys = topics.metrics().keySerde().serializer();
    this.metricValues = topics.metrics().valueSerde().serializer();
    this.logKeys = topics.logs().keySerde().serializer();
    this.logValues = topics.logs().valueSerde().serializer();
  }

  ProducerRecord<byte[], byte[]> metric(MetricRecord r, long now, List<String> setAside) {
    String metrics = topics.metrics().name();
    byte[] key = encodedKey(metrics, r.key());
    byte[] value = metricValues.serialize(metrics, r.value());
    Verdict refused = checks.check(r.value(), now);
    if (refused == null) {
      return new ProducerRecord<>(metrics, null,
          checks.recordTimestamp(r.value().getTimestamp().toEpochMilli(), now), key, value);
    }
    setAside.add("metrics|" + refused.kind().header());
    return deadLetter(metrics, now, key, value, refused);
  }

  ProducerRecord<byte[], byte[]> log(LogRecord r, long now, List<String> setAside) {
    String logs = topics.logs().name();
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
      return new ProducerRecord<>(logs, null,
          checks.recordTimestamp(r.value().getTimestamp().toEpochMilli(), now), key, value);
    }
    setAside.add("logs|" + refused.kind().header());
    return deadLetter(logs, now, key, value, refused);
  }

  ProducerRecord<byte[], byte[]> checkpoint(String key, byte[] value) {
    return new ProducerRecord<>(checkpointTopic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static ProducerRecord<byte[], byte[]> deadLetter(String topic, long now, byte[] key, byte[] value, Verdict why) {
    Headers headers = DeadLetterHeaders.from(null).kind(why.kind()).reason(why.reason()).stage("ingest").build();
    return new ProducerRecord<>(TopicNames.deadLetter(topic), null, now, key, value, headers);
  }

  /** The event with its message cut so that it fits a record with room to spare (UTF-8: up to 4 bytes a char). */
  private LogEvent cut(LogEvent e) {
    String message = e.getMessage().toString();
    int keep = Math.max(0, Math.min(message.length(), checks.maxRecordBytes() / 8));
    return LogEvent.newBuilder(e)
        .setMessage(message.substring(0, keep) + "… (cut from " + message.length() + " chars)").build();
  }

  private byte[] encodedKey(String topic, MetricSeriesKey key) {
    if (encodedKeys.size() > 1_000_000) {
      encodedKeys.clear();
    }
    return encodedKeys.computeIfAbsent(key, k -> metricKeys.serialize(topic, k));
  }
}

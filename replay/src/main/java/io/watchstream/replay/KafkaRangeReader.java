package io.watchstream.replay;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.runtime.kafka.KafkaAuthenticationFailed;
import io.watchstream.schemas.SchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a time range [from, to) of the live {@code metrics} and {@code logs} topics. The consumer has no
 * group id and only {@code assign()}s partitions, so it commits nothing and joins no group: the live
 * pipeline's offsets and consumers are untouched. Start and end offsets per partition come from
 * {@code offsetsForTimes}; records are decoded with the pipeline's own serdes and the registry, then
 * merged by timestamp (stable per partition) into one event-time-ordered list.
 */
public final class KafkaRangeReader {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration DEADLINE = Duration.ofMinutes(10);

  private KafkaRangeReader() {}

  /** The first call to the broker: wrong credentials end the replay here, saying whose they were. */
  private static List<PartitionInfo> partitionsFor(KafkaConsumer<byte[], byte[]> consumer, String topic,
      ReplayRequest.Kafka range) {
    try {
      return consumer.partitionsFor(topic, Duration.ofSeconds(30));
    } catch (KafkaException e) {
      KafkaAuthenticationFailed.of(e, range.connection().clientConfig()).ifPresent(auth -> {
        throw new ReplayInputException(auth.getMessage());
      });
      throw e;
    }
  }

  public static List<ReplayRecord> read(ReplayRequest.Kafka range) {
    if (!range.from().isBefore(range.to())) {
      throw new ReplayInputException("--from " + range.from() + " must be before --to " + range.to());
    }
    // a one-shot tool reports an absent registry after a few attempts instead of waiting for it like a service
    SchemaRegistryClient registry = range.connection().registryClient(io.watchstream.schemas.RegistryRetryPolicy.oneShot());
    TopicNames names = new TopicNames(range.metricsTopic(), range.logsTopic(), "rules", "alerts", "scaling-commands",
        "anomaly-scores", "ingest-checkpoints", "notifier-state", "silences");
    Topics topics = new Topics(names, registry);
    Properties p = new Properties();
    p.putAll(range.connection().clientConfig());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // the pipeline writes transactionally
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "watchstream-replay");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    List<ReplayRecord> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(range.metricsTopic(), range.logsTopic())) {
        List<PartitionInfo> infos = partitionsFor(consumer, topic, range);
        if (infos != null) {
          infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
      }
      if (partitions.isEmpty()) {
        throw new ReplayInputException("neither " + range.metricsTopic() + " nor " + range.logsTopic() + " exists at " + range.bootstrapServers());
      }
      Map<TopicPartition, Long> fromTs = new HashMap<>();
      Map<TopicPartition, Long> toTs = new HashMap<>();
      partitions.forEach(tp -> {
        fromTs.put(tp, range.from().toEpochMilli());
        toTs.put(tp, range.to().toEpochMilli());
      });
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(fromTs);
      Map<TopicPartition, OffsetAndTimestamp> ends = consumer.offsetsForTimes(toTs);
      Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> stopAt = new HashMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp s = starts.get(tp);
        if (s == null) {
          continue; // nothing at or after 'from' in this partition
        }
        OffsetAndTimestamp e = ends.get(tp);
        long end = e == null ? latest.get(tp) : e.offset();
        if (s.offset() < end) {
          stopAt.put(tp, end);
        }
      }
      consumer.assign(new ArrayList<>(stopAt.keySet()));
      for (var e : stopAt.entrySet()) {
        consumer.seek(e.getKey(), starts.get(e.getKey()).offset());
      }
      long from = range.from().toEpochMilli();
      long to = range.to().toEpochMilli();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (!stopAt.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new ReplayInputException("reading the range took longer than " + DEADLINE + "; narrow --from/--to");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long stop = stopAt.get(tp);
          if (stop == null || r.offset() >= stop || r.timestamp() < from || r.timestamp() >= to) {
            continue;
          }
          ReplayRecord decoded = decode(topics, r);
          if (decoded != null) {
            out.add(decoded);
          }
        }
        for (TopicPartition tp : new ArrayList<>(stopAt.keySet())) {
          if (consumer.position(tp) >= stopAt.get(tp)) {
            stopAt.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
      }
    } catch (KafkaException e) {
      throw new ReplayInputException("cannot read " + range.describe() + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new ReplayInputException("no records in " + range.describe());
    }
    out.sort(Comparator.comparingLong(ReplayRecord::timestamp)); // stable: per-partition order is kept
    return out;
  }

  /** Decodes with the pipeline's serdes; a record the serdes reject would have gone to a DLQ live, so it is skipped. */
  private static ReplayRecord decode(Topics topics, ConsumerRecord<byte[], byte[]> r) {
    try {
      if (r.topic().equals(topics.names().metrics())) {
        MetricSeriesKey k = topics.metrics().keySerde().deserializer().deserialize(r.topic(), r.key());
        MetricDatapoint v = topics.metrics().valueSerde().deserializer().deserialize(r.topic(), r.value());
        return k == null || v == null ? null : new ReplayRecord.Metric(k, v);
      }
      LogStreamKey k = topics.logs().keySerde().deserializer().deserialize(r.topic(), r.key());
      LogEvent v = topics.logs().valueSerde().deserializer().deserialize(r.topic(), r.value());
      return k == null || v == null ? null : new ReplayRecord.Log(k, v);
    } catch (RuntimeException e) {
      return null;
    }
  }
}

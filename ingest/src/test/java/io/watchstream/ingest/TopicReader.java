package io.watchstream.ingest;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning to its end as a read_committed consumer and decodes it with the catalogue's serdes. */
final class TopicReader {

  record Datapoint(MetricSeriesKey key, MetricDatapoint value, int partition) {
    String series() {
      return SeriesKeys.canonical(key);
    }
  }

  private final String bootstrap;
  private final Topics topics;

  TopicReader(String bootstrap, Topics topics) {
    this.bootstrap = bootstrap;
    this.topics = topics;
  }

  /**
   * The metrics topic once it holds {@code expected} records and keeps holding exactly that many for a
   * second. Transaction markers are written after commitTransaction returns, so a read_committed reader
   * may briefly see less; and a duplicate written late would show up within the second.
   */
  List<Datapoint> metricsSettled(int expected) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).during(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(250)).until(() -> metrics().size() == expected);
    return metrics();
  }

  /** Like {@link #metricsSettled} for the logs topic. */
  List<LogEvent> logsSettled(int expected) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).during(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(250)).until(() -> logs().size() == expected);
    return logs();
  }

  List<Datapoint> metrics() {
    List<Datapoint> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(topics.metrics().name())) {
      out.add(new Datapoint(
          topics.metrics().keySerde().deserializer().deserialize(r.topic(), r.key()),
          topics.metrics().valueSerde().deserializer().deserialize(r.topic(), r.value()), r.partition()));
    }
    return out;
  }

  List<LogEvent> logs() {
    List<LogEvent> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(topics.logs().name())) {
      out.add(topics.logs().valueSerde().deserializer().deserialize(r.topic(), r.value()));
    }
    return out;
  }

  List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.currentTimeMillis() + 30_000;
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("timed out reading " + topic);
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}

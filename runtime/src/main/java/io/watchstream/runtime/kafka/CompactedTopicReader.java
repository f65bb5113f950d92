package io.watchstream.runtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a compacted, table-like topic (ingest checkpoints, notifier state, silences) by assignment, never in a
 * consumer group: every instance reads all of it. The first {@link #catchUp} starts at the beginning; each one reads
 * up to the end offsets as they are when it is called, handing every record to the handler in offset order per
 * partition, tombstones included (value {@code null}: the key was deleted). Later calls continue where the last
 * stopped, so a long-lived reader follows the topic.
 *
 * <p>{@code read_committed} by default: with it the end offset is the last stable offset, so a record of a
 * transaction that was aborted, or never committed because its writer died, is never seen. A caller's
 * {@code isolation.level} wins. The topic must exist: create it with {@link TopicSetup} first, since asking a consumer
 * about a missing topic may make the broker auto-create it, uncompacted.
 *
 * <pre>{@code
 * try (var reader = CompactedTopicReader.strings(Map.of("bootstrap.servers", servers), "notifier-state")) {
 *   reader.catchUp(Duration.ofSeconds(30), (key, value) -> { if (value == null) map.remove(key); else map.put(key, value); });
 * }
 * }</pre>
 */
public final class CompactedTopicReader<K, V> implements AutoCloseable {

  /** What to do with one record; {@code value} is null for a tombstone. */
  @FunctionalInterface
  public interface RecordHandler<K, V> {
    void accept(K key, V value);
  }

  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<K, V> consumer;
  private final String topic;
  private boolean assigned;

  /** {@code clientConfig} holds at least {@code bootstrap.servers}; security settings and the like pass through. */
  public CompactedTopicReader(Map<String, Object> clientConfig, String topic, Deserializer<K> keys, Deserializer<V> values) {
    this(new KafkaConsumer<>(consumerConfig(clientConfig), keys, values), topic);
  }

  /** Over a given consumer (a {@code MockConsumer} in tests); the reader closes it. */
  public CompactedTopicReader(Consumer<K, V> consumer, String topic) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  /** String keys and values (JSON documents), the notifier's state and silences. */
  public static CompactedTopicReader<String, String> strings(Map<String, Object> clientConfig, String topic) {
    return new CompactedTopicReader<>(clientConfig, topic,
        new org.apache.kafka.common.serialization.StringDeserializer(),
        new org.apache.kafka.common.serialization.StringDeserializer());
  }

  /**
   * Reads from where the last call stopped (the beginning, the first time) up to the end offsets as of now.
   * Returns the number of records handed over; throws {@link IllegalStateException} when the end is not reached
   * within {@code timeout} (records read so far have been handed over).
   */
  public synchronized int catchUp(Duration timeout, RecordHandler<K, V> handler) {
    long deadline = System.nanoTime() + timeout.toNanos();
    assignOnce(timeout, deadline);
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
    int read = 0;
    while (behind(end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read topic " + topic + " to its end within " + timeout);
      }
      read += hand(consumer.poll(POLL), handler);
    }
    return read;
  }

  /** Hands over whatever has arrived since the last call, waiting at most {@code wait} (may be zero). */
  public synchronized int pollNew(Duration wait, RecordHandler<K, V> handler) {
    assignOnce(Duration.ofSeconds(30), System.nanoTime() + Duration.ofSeconds(30).toNanos());
    return hand(consumer.poll(wait), handler);
  }

  private int hand(Iterable<ConsumerRecord<K, V>> records, RecordHandler<K, V> handler) {
    int n = 0;
    for (ConsumerRecord<K, V> r : records) {
      handler.accept(r.key(), r.value());
      n++;
    }
    return n;
  }

  private boolean behind(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return true;
      }
    }
    return false;
  }

  /** Partitions may take a moment to show in a new topic's metadata: ask again until the deadline. */
  private void assignOnce(Duration timeout, long deadline) {
    if (assigned) {
      return;
    }
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
      infos = consumer.partitionsFor(topic, Duration.ofSeconds(1));
    }
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " has no partitions after " + timeout);
    }
    List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    assigned = true;
  }

  private static Map<String, Object> consumerConfig(Map<String, Object> clientConfig) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    c.putAll(clientConfig);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return c;
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}

package io.watchstream.notifier.state;

import io.watchstream.notifier.delivery.BrokerWait;
import io.watchstream.notifier.delivery.DependencyStatus;

import io.watchstream.notifier.engine.GroupState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's memory, kept in the compacted notifier-state topic (keys in {@link StateKeys}, JSON
 * values) and mirrored in this object: open incidents with their Slack message ids, the idempotency keys
 * of everything already delivered, and Auto Scaling bookkeeping.
 *
 * <p>Guarantee: {@link #write} returns only after the broker acknowledged every record (acks=all,
 * idempotent producer), waiting out a broker outage ({@link BrokerWait}), and the caller commits consumer offsets
 * only after that. {@link #catchUp} reads
 * the topic up to its current end, so a restarted instance, or one that took over partitions in a
 * rebalance, knows what was delivered before it posts anything.
 */
public final class NotifierStateStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierStateStore.class);

  private final String topic;
  private final String bootstrapServers;
  private final Map<String, Object> extraClientConfig;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> reader;
  private final Map<String, String> entries = new HashMap<>();
  private boolean assigned;
  private final BrokerWait brokerWait;

  public NotifierStateStore(String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
    this(bootstrapServers, topic, extraClientConfig, BrokerWait.real(DependencyStatus.NONE));
  }

  /** {@code brokerWait} decides how a write waits while the broker does not acknowledge it. */
  public NotifierStateStore(String bootstrapServers, String topic, Map<String, Object> extraClientConfig,
      BrokerWait brokerWait) {
    this.brokerWait = brokerWait;
    this.bootstrapServers = bootstrapServers;
    this.extraClientConfig = Map.copyOf(extraClientConfig);
    this.topic = topic;
    Properties p = new Properties();
    p.putAll(extraClientConfig);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    BrokerWait.failFast(p);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    Properties c = new Properties();
    c.putAll(extraClientConfig);
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.reader = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
  }

  /** Reads the state topic from where this store stopped up to its current end. */
  public synchronized void catchUp(Duration timeout) {
    if (!assigned) {
      List<TopicPartition> partitions =
          NotifierTopics.compactedTopicPartitions(reader, bootstrapServers, extraClientConfig, topic, timeout);
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      assigned = true;
    }
    Map<TopicPartition, Long> end = reader.endOffsets(reader.assignment(), timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    int read = 0;
    while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read notifier state topic " + topic + " to its end within " + timeout);
      }
      for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
        apply(r.key(), r.value());
        read++;
      }
    }
    if (read > 0) {
      LOG.info("Read {} notifier state records from {} ({} live entries)", read, topic, entries.size());
    }
  }

  /** Writes entries (a null value deletes) and waits until the broker has them all. */
  public void write(Map<String, String> updates) {
    try {
      brokerWait.untilAcknowledged("notifier state write", () -> {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Map.Entry<String, String> u : updates.entrySet()) {
          acks.add(producer.send(new ProducerRecord<>(topic, u.getKey(), u.getValue())));
        }
        for (Future<RecordMetadata> ack : acks) {
          ack.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing notifier state", e);
    }
    synchronized (this) {
      updates.forEach(this::apply);
    }
  }

  public synchronized boolean contains(String key) {
    return entries.containsKey(key);
  }

  public synchronized String get(String key) {
    return entries.get(key);
  }

  public synchronized Collection<GroupState> openGroups() {
    return entries.entrySet().stream().filter(e -> e.getKey().startsWith(StateKeys.GROUP))
        .map(e -> Json.read(e.getValue(), GroupState.class)).toList();
  }

  public synchronized Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new HashMap<>();
    entries.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  public synchronized int size() {
    return entries.size();
  }

  private void apply(String key, String value) {
    if (value == null) {
      entries.remove(key);
    } else {
      entries.put(key, value);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    reader.close(Duration.ofSeconds(5));
  }
}

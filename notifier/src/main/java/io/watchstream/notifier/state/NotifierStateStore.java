package io.watchstream.notifier.state;

import io.watchstream.notifier.delivery.BrokerWait;
import io.watchstream.notifier.delivery.DependencyStatus;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.runtime.kafka.CompactedTopicReader;
import io.watchstream.schemas.TopicCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * the topic up to its current end (runtime's {@link CompactedTopicReader}), so a restarted instance, or one that took over partitions in a
 * rebalance, knows what was delivered before it posts anything.
 */
public final class NotifierStateStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierStateStore.class);

  private final String topic;
  private final Map<String, Object> clientConfig;
  private final KafkaProducer<String, String> producer;
  private final CompactedTopicReader<String, String> reader;
  private final Map<String, String> entries = new HashMap<>();
  private boolean topicReady;
  private final BrokerWait brokerWait;

  public NotifierStateStore(String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
    this(bootstrapServers, topic, extraClientConfig, BrokerWait.real(DependencyStatus.NONE));
  }

  /** {@code brokerWait} decides how a write waits while the broker does not acknowledge it. */
  public NotifierStateStore(String bootstrapServers, String topic, Map<String, Object> extraClientConfig,
      BrokerWait brokerWait) {
    this.brokerWait = brokerWait;
    this.topic = topic;
    this.clientConfig = CompactedTopics.clientConfig(bootstrapServers, extraClientConfig);
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    BrokerWait.failFast(p);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    this.reader = CompactedTopics.reader(clientConfig, topic);
  }

  /** Reads the state topic from where this store stopped up to its current end (creating the topic the first time). */
  public synchronized void catchUp(Duration timeout) {
    if (!topicReady) {
      CompactedTopics.ensure(clientConfig, TopicCatalogue.NOTIFIER_STATE, topic);
      topicReady = true;
    }
    int read = reader.catchUp(timeout, this::apply);
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
    reader.close();
  }
}

package io.watchstream.processor.app;

import io.watchstream.avro.RuleRecord;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleVersions;
import io.watchstream.runtime.kafka.CompactedTopicReader;
import io.watchstream.schemas.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a rule file to the compacted {@code rules} topic: reads what the topic holds now, then writes
 * only new or changed rules with their next version number ({@link RuleVersions}). Publishing the same
 * file twice writes nothing.
 */
public final class RulePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(RulePublisher.class);

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, Object> connectionConfig;
  private final TopicSpec<String, RuleRecord> topic;

  public RulePublisher(String bootstrapServers, TopicSpec<String, RuleRecord> topic) {
    this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
  }

  /** Through a connection's client config ({@code KafkaConnection#clientConfig()}). */
  public RulePublisher(Map<String, Object> connectionConfig, TopicSpec<String, RuleRecord> topic) {
    this.connectionConfig = Map.copyOf(connectionConfig);
    this.topic = topic;
  }

  public List<RuleRecord> publish(List<LoadedRule> rules) {
    Map<String, RuleRecord> current = readCurrent();
    List<RuleRecord> changed = RuleVersions.toPublish(current, rules, Instant.now());
    Properties p = new Properties();
    p.putAll(connectionConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, RuleRecord> producer = new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (RuleRecord r : changed) {
        producer.send(new ProducerRecord<>(topic.name(), r.getRuleId(), r));
        LOG.info("Published rule {} version {} from {}", r.getRuleId(), r.getVersion(), r.getSource());
      }
      producer.flush();
    }
    return changed;
  }

  /** Latest record per rule id currently on the topic (tombstoned ids removed). */
  Map<String, RuleRecord> readCurrent() {
    Map<String, RuleRecord> current = new HashMap<>();
    try (CompactedTopicReader<String, RuleRecord> reader = new CompactedTopicReader<>(
        connectionConfig, topic.name(),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      reader.catchUp(READ_TIMEOUT, (id, rule) -> {
        if (rule == null) {
          current.remove(id);
        } else {
          current.put(id, rule);
        }
      });
    }
    return current;
  }
}

package io.watchstream.ingest.config;

import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.kafka.PropertyValue;
import io.watchstream.runtime.kafka.RegistrySettings;
import java.util.Map;

/**
 * Broker, registry and topic names. {@code properties} (any Kafka client property, secrets as {@code {env:}} /
 * {@code {file:}} references) and {@code registry} (credentials, TLS trust) are the connection settings every
 * service shares ({@link KafkaConnection}); {@code producer} passes extra settings to the Kafka producer only; they
 * may hold credentials ({@code sasl.jaas.config}, {@code ssl.key.password}), so {@link #toString} shows their keys only.
 */
public record KafkaConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    TopicsConfig topics,
    Integer partitions,
    Short replicationFactor,
    Boolean createTopics,
    Map<String, String> producer,
    Map<String, PropertyValue> properties,
    RegistrySettings registry) {

  /** Without connection settings: an unsecured broker and registry. */
  public KafkaConfig(String bootstrapServers, String schemaRegistryUrl, TopicsConfig topics, Integer partitions,
      Short replicationFactor, Boolean createTopics, Map<String, String> producer) {
    this(bootstrapServers, schemaRegistryUrl, topics, partitions, replicationFactor, createTopics, producer, null, null);
  }

  public KafkaConfig {
    properties = properties == null ? Map.of() : UnmodifiableCopies.copy(properties);
    registry = registry == null ? RegistrySettings.NONE : registry;
    bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
    schemaRegistryUrl = schemaRegistryUrl == null ? "http://localhost:8080/apis/ccompat/v7" : schemaRegistryUrl;
    topics = topics == null ? new TopicsConfig(null, null, null) : topics;
    partitions = partitions == null ? 6 : partitions;
    // null: 3 replicas, or as many as the cluster has brokers (TopicSetup)
    createTopics = createTopics == null ? Boolean.TRUE : createTopics;
    producer = producer == null ? Map.of() : UnmodifiableCopies.copy(producer);
  }

  /** The connection these settings describe, references read from {@code env} and the files now. */
  public KafkaConnection connection(Map<String, String> env) {
    return KafkaConnection.resolve("kafka", bootstrapServers, properties, schemaRegistryUrl, registry, env);
  }

  @Override
  public String toString() {
    return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", topics=" + topics + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
        + ", createTopics=" + createTopics + ", properties keys=" + properties.keySet() + ", registry=" + registry
        + ", producer keys=" + producer.keySet() + "]";
  }
}

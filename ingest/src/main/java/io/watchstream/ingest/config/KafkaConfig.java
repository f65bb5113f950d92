package io.watchstream.ingest.config;

import java.util.Map;

/**
 * Broker, registry and topic names. {@code producer} passes extra settings to the Kafka producer; they may hold
 * credentials ({@code sasl.jaas.config}, {@code ssl.key.password}), so {@link #toString} shows their keys only.
 */
public record KafkaConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    TopicsConfig topics,
    Integer partitions,
    Short replicationFactor,
    Boolean createTopics,
    Map<String, String> producer) {
  public KafkaConfig {
    bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
    schemaRegistryUrl = schemaRegistryUrl == null ? "http://localhost:8080/apis/ccompat/v7" : schemaRegistryUrl;
    topics = topics == null ? new TopicsConfig(null, null, null) : topics;
    partitions = partitions == null ? 6 : partitions;
    replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    createTopics = createTopics == null ? Boolean.TRUE : createTopics;
    producer = producer == null ? Map.of() : UnmodifiableCopies.copy(producer);
  }

  @Override
  public String toString() {
    return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", topics=" + topics + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
        + ", createTopics=" + createTopics + ", producer keys=" + producer.keySet() + "]";
  }
}

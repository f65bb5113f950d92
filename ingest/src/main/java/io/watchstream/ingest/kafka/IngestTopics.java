package io.watchstream.ingest.kafka;

import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.TopicsConfig;
import io.watchstream.ingest.config.KafkaConfig;
import io.watchstream.runtime.kafka.CompactedTopicReader;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ingest's topics: their names from the config, creating the missing ones, reading the checkpoints back. */
public final class IngestTopics {

  private static final Logger log = LoggerFactory.getLogger(IngestTopics.class);

  private IngestTopics() {}

  /** The catalogue names with ingest's configured metrics, logs and checkpoint topics. */
  public static TopicNames names(IngestConfig config) {
    TopicsConfig t = config.kafka().topics();
    return TopicNames.defaults().with(Map.of("metrics", t.metrics(), "logs", t.logs(), "ingestCheckpoints", t.checkpoints()));
  }

  /**
   * Creates the metrics, logs and (compacted, one partition) checkpoint topics and the {@code .dlq} topics where
   * ingest sets records aside, when they do not exist yet. Existing topics are left as they are: their partition
   * counts and retention belong to the operator.
   */
  public static void ensure(IngestConfig config) {
    ensure(config, KafkaConnection.plain(config.kafka().bootstrapServers(), config.kafka().schemaRegistryUrl()));
  }

  /** {@link #ensure(IngestConfig)} through {@code connection}. */
  public static void ensure(IngestConfig config, KafkaConnection connection) {
    KafkaConfig k = config.kafka();
    TopicSetup.ensure(connection.clientConfig(), names(config), TopicCatalogue.INGEST,
        new TopicSetup.Settings(k.partitions(), Optional.ofNullable(k.replicationFactor()), Duration.ofSeconds(30)));
  }

  /**
   * The latest committed checkpoint per key, read from the beginning of the checkpoint topic to its end.
   * {@code read_committed}: a checkpoint written in a transaction that was aborted (or never committed because the
   * instance died) is never seen, exactly like the data records it belonged to, so any instance can resume where the
   * previous owner of a series or log source stopped.
   */
  public static Map<String, byte[]> readCheckpoints(IngestConfig config, Duration timeout) {
    return readCheckpoints(config, KafkaConnection.plain(config.kafka().bootstrapServers(), config.kafka().schemaRegistryUrl()), timeout);
  }

  /** {@link #readCheckpoints(IngestConfig, Duration)} through {@code connection}. */
  public static Map<String, byte[]> readCheckpoints(IngestConfig config, KafkaConnection connection, Duration timeout) {
    String topic = config.kafka().topics().checkpoints();
    Map<String, byte[]> latest = new HashMap<>();
    try (CompactedTopicReader<String, byte[]> reader =
        new CompactedTopicReader<>(connection.clientConfig(), topic, new StringDeserializer(), new ByteArrayDeserializer())) {
      reader.catchUp(timeout, (key, value) -> {
        if (value == null) {
          latest.remove(key);
        } else {
          latest.put(key, value);
        }
      });
    }
    log.info("loaded {} checkpoints from {}", latest.size(), topic);
    return latest;
  }
}

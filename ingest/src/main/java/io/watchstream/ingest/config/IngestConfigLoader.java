package io.watchstream.ingest.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads {@link IngestConfig} from a YAML or JSON file (JSON is YAML), then applies environment overrides,
 * then validates. Unknown keys are errors: a misspelt setting should not silently fall back to a default.
 *
 * <p>Environment overrides (for deployments that share one file across environments):
 * <pre>
 * WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS   kafka.bootstrapServers
 * WATCHSTREAM_SCHEMA_REGISTRY_URL       kafka.schemaRegistryUrl
 * WATCHSTREAM_TOPIC_METRICS             kafka.topics.metrics
 * WATCHSTREAM_TOPIC_LOGS                kafka.topics.logs
 * WATCHSTREAM_TOPIC_INGEST_CHECKPOINTS  kafka.topics.checkpoints
 * WATCHSTREAM_AWS_ENDPOINT              aws.endpoint
 * WATCHSTREAM_AWS_REGION or AWS_REGION  aws.region
 * WATCHSTREAM_INGEST_INSTANCE_ID        instanceId
 * WATCHSTREAM_INGEST_HTTP_PORT          http.port
 * WATCHSTREAM_INGEST_SHARD_INDEX        shard.index
 * WATCHSTREAM_INGEST_SHARD_COUNT        shard.count
 * </pre>
 */
public final class IngestConfigLoader {

  /** Environment variable to config path, in precedence order: the first variable set wins for a path. */
  public static final List<Map.Entry<String, String>> ENV_OVERRIDES = List.of(
      Map.entry("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
      Map.entry("WATCHSTREAM_SCHEMA_REGISTRY_URL", "kafka.schemaRegistryUrl"),
      Map.entry("WATCHSTREAM_TOPIC_METRICS", "kafka.topics.metrics"),
      Map.entry("WATCHSTREAM_TOPIC_LOGS", "kafka.topics.logs"),
      Map.entry("WATCHSTREAM_TOPIC_INGEST_CHECKPOINTS", "kafka.topics.checkpoints"),
      Map.entry("WATCHSTREAM_AWS_ENDPOINT", "aws.endpoint"),
      Map.entry("WATCHSTREAM_AWS_REGION", "aws.region"),
      Map.entry("AWS_REGION", "aws.region"),
      Map.entry("WATCHSTREAM_INGEST_INSTANCE_ID", "instanceId"),
      Map.entry("WATCHSTREAM_INGEST_HTTP_PORT", "http.port"),
      Map.entry("WATCHSTREAM_INGEST_SHARD_INDEX", "shard.index"),
      Map.entry("WATCHSTREAM_INGEST_SHARD_COUNT", "shard.count"));

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new SimpleModule("durations").addDeserializer(Duration.class, new Durations.Deserializer()))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private IngestConfigLoader() {}

  public static IngestConfig load(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, env);
  }

  public static IngestConfig parse(String yaml, Map<String, String> env) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      ObjectNode root = tree instanceof ObjectNode o ? o : YAML.createObjectNode();
      applyOverrides(root, env);
      return IngestConfigValidator.requireValid(YAML.treeToValue(root, IngestConfig.class));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new ConfigException(e.getOriginalMessage() + where, e);
    }
  }

  private static void applyOverrides(ObjectNode root, Map<String, String> env) {
    Set<String> done = new HashSet<>();
    for (Map.Entry<String, String> override : ENV_OVERRIDES) {
      String value = env.get(override.getKey());
      if (value == null || value.isBlank() || !done.add(override.getValue())) {
        continue;
      }
      String[] parts = override.getValue().split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = node.get(parts[i]);
        node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
      }
      node.put(parts[parts.length - 1], value);
    }
  }
}

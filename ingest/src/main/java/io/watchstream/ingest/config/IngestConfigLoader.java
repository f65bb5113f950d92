package io.watchstream.ingest.config;

import io.watchstream.runtime.config.EnvOverride;
import io.watchstream.runtime.config.YamlConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link IngestConfig} with the shared strict loader ({@link YamlConfig}): a YAML or JSON file, then
 * environment overrides, then {@link IngestConfigValidator}. Unknown keys are errors: a misspelt setting should not
 * silently fall back to a default. Problems come as {@link io.watchstream.runtime.config.ConfigException}.
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
  public static final List<EnvOverride> ENV_OVERRIDES = List.of(
      EnvOverride.of("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
      EnvOverride.of("WATCHSTREAM_SCHEMA_REGISTRY_URL", "kafka.schemaRegistryUrl"),
      EnvOverride.of("WATCHSTREAM_TOPIC_METRICS", "kafka.topics.metrics"),
      EnvOverride.of("WATCHSTREAM_TOPIC_LOGS", "kafka.topics.logs"),
      EnvOverride.of("WATCHSTREAM_TOPIC_INGEST_CHECKPOINTS", "kafka.topics.checkpoints"),
      EnvOverride.of("WATCHSTREAM_AWS_ENDPOINT", "aws.endpoint"),
      EnvOverride.of("WATCHSTREAM_AWS_REGION", "aws.region"),
      EnvOverride.of("AWS_REGION", "aws.region"),
      EnvOverride.of("WATCHSTREAM_INGEST_INSTANCE_ID", "instanceId"),
      EnvOverride.of("WATCHSTREAM_INGEST_HTTP_PORT", "http.port"),
      EnvOverride.of("WATCHSTREAM_INGEST_HTTP_HOST", "http.host"),
      EnvOverride.of("WATCHSTREAM_INGEST_SHARD_INDEX", "shard.index"),
      EnvOverride.of("WATCHSTREAM_INGEST_SHARD_COUNT", "shard.count"));

  private static final YamlConfig<IngestConfig> LOADER =
      new YamlConfig<>(IngestConfig.class, ENV_OVERRIDES, IngestConfigValidator::problems);

  private IngestConfigLoader() {}

  public static IngestConfig load(Path file, Map<String, String> env) {
    return LOADER.load(file, env);
  }

  /** {@code yaml} given inline; problems name it {@code <inline>}. */
  public static IngestConfig parse(String yaml, Map<String, String> env) {
    return LOADER.parse(yaml, "<inline>", env);
  }
}

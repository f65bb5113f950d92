package io.watchstream.processor.app;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.EnvOverride;
import io.watchstream.runtime.config.YamlConfig;
import io.watchstream.schemas.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the processor's configuration: {@code processor.yaml} (or nothing: every default), then the
 * {@code WATCHSTREAM_*} environment variables of {@link #ENV}, then {@link ProcessorConfigValidator}. Anything wrong
 * is a {@link ConfigException} with {@code file:line:col} (or the variable's name), before anything starts.
 */
public final class ProcessorConfigLoader {

  /** Every variable the processor reads, and the key it overrides. */
  public static final List<EnvOverride> ENV = envTable();

  private static final YamlConfig<ProcessorConfig> YAML =
      new YamlConfig<>(ProcessorConfig.class, ENV, ProcessorConfigValidator::problems);

  /** {@code file} with the environment's overrides. */
  public static ProcessorConfig load(Path file, Map<String, String> env) {
    return YAML.load(file, env);
  }

  /** {@code yaml} given inline; problems name it {@code <inline>}. */
  public static ProcessorConfig parse(String yaml, Map<String, String> env) {
    return YAML.parse(yaml, "<inline>", env);
  }

  /** No file: the defaults with the environment's overrides (how docker-compose runs the processor). */
  public static ProcessorConfig fromEnv(Map<String, String> env) {
    return YAML.parse("", "<environment>", env);
  }

  private static List<EnvOverride> envTable() {
    List<EnvOverride> env = new ArrayList<>(List.of(
        EnvOverride.of("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
        EnvOverride.of("WATCHSTREAM_SCHEMA_REGISTRY_URL", "kafka.schemaRegistryUrl"),
        EnvOverride.of("WATCHSTREAM_APPLICATION_ID", "kafka.applicationId"),
        EnvOverride.of("WATCHSTREAM_STATE_DIR", "kafka.stateDir"),
        EnvOverride.of("WATCHSTREAM_COMMIT_INTERVAL", "kafka.commitInterval"),
        EnvOverride.of("WATCHSTREAM_STREAM_THREADS", "kafka.streamThreads"),
        EnvOverride.of("WATCHSTREAM_STANDBY_REPLICAS", "kafka.standbyReplicas"),
        EnvOverride.of("WATCHSTREAM_RULES_FILE", "rulesFile"),
        EnvOverride.of("WATCHSTREAM_EVALUATION_INTERVAL", "evaluation.interval"),
        EnvOverride.of("WATCHSTREAM_IDLE_AFTER", "evaluation.idleAfter"),
        EnvOverride.of("WATCHSTREAM_MAX_FUTURE_SKEW", "evaluation.maxFutureSkew"),
        EnvOverride.of("WATCHSTREAM_MAX_PAST_AGE", "evaluation.maxPastAge"),
        EnvOverride.of("WATCHSTREAM_PROCESSOR_HTTP_PORT", "ops.httpPort"),
        EnvOverride.of("WATCHSTREAM_PROCESSOR_HTTP_HOST", "ops.httpHost"),
        EnvOverride.of("WATCHSTREAM_STUCK_RECORD_AFTER", "ops.stuckRecordAfter"),
        EnvOverride.of("WATCHSTREAM_REPLACED_RECENTLY_FOR", "ops.replacedRecentlyFor"),
        EnvOverride.of("WATCHSTREAM_FIRST_REPLACE_BACKOFF", "ops.firstReplaceBackoff"),
        EnvOverride.of("WATCHSTREAM_MAX_REPLACE_BACKOFF", "ops.maxReplaceBackoff"),
        EnvOverride.of("WATCHSTREAM_BROKER_PROBE_INTERVAL", "ops.brokerProbeInterval"),
        EnvOverride.of("WATCHSTREAM_PROCESSOR_ADVERTISED_HOST", "ops.advertisedHost")));
    for (String logical : TopicNames.LOGICAL) {
      env.add(EnvOverride.of(TopicNames.envVariable(logical), "topics." + logical));
    }
    return List.copyOf(env);
  }

  private ProcessorConfigLoader() {}
}

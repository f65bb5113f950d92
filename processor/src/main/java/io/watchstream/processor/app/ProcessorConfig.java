package io.watchstream.processor.app;

import io.watchstream.processor.topology.RecordBounds;
import io.watchstream.processor.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the processor is configured with, loaded once at start-up. Defaults are here, in one
 * place; {@link #withEnv(Map)} applies {@code WATCHSTREAM_*} environment overrides.
 *
 * @param evaluationInterval how often (in stream time and in wall-clock time) every (rule, series) is re-evaluated
 * @param idleAfter wall-clock time without input after which event time is extrapolated, so dead sources still close periods
 * @param topicOverrides topic name overrides by logical name (metrics, logs, rules, alerts, scaling-commands, ...)
 * @param recordBounds how far ahead of and behind the wall clock an input event may be stamped; events outside go to
 *     {@code <topic>.late} (see {@link RecordBounds})
 */
public record ProcessorConfig(
    String applicationId,
    String bootstrapServers,
    String schemaRegistryUrl,
    Path stateDir,
    Path rulesFile,
    Map<String, String> topicOverrides,
    Duration evaluationInterval,
    Duration idleAfter,
    Duration commitInterval,
    int streamThreads,
    int standbyReplicas,
    int httpPort,
    RecordBounds recordBounds) {

  public ProcessorConfig {
    topicOverrides = Map.copyOf(topicOverrides);
  }

  /** What the topology's rule logic takes from this configuration. */
  public TopologySettings topologySettings() {
    return new TopologySettings(evaluationInterval, idleAfter, recordBounds);
  }

  public static ProcessorConfig defaults() {
    return new ProcessorConfig(
        "watchstream-processor",
        "127.0.0.1:9092",
        "http://127.0.0.1:8081/apis/ccompat/v7",
        Path.of(System.getProperty("java.io.tmpdir"), "watchstream-processor-state"),
        Path.of("rules.yaml"),
        Map.of(),
        Duration.ofSeconds(5),
        // longer than an ingest poll cycle plus a hiccup, so a late poll is not mistaken for silence
        Duration.ofMinutes(2),
        Duration.ofMillis(100),
        1,
        0,
        8082,
        // CloudWatch's own PutMetricData window: 2 h ahead (clock skew), 2 weeks behind (a backfill older than
        // that is history, for replay, not for live alerting)
        RecordBounds.DEFAULTS);
  }

  /** Applies WATCHSTREAM_* variables (unset ones keep their value); never logs their values. */
  public ProcessorConfig withEnv(Map<String, String> env) {
    Map<String, String> topics = new HashMap<>(topicOverrides);
    env.forEach((k, v) -> {
      if (k.startsWith("WATCHSTREAM_TOPIC_")) {
        topics.put(k.substring("WATCHSTREAM_TOPIC_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), v);
      }
    });
    return new ProcessorConfig(
        env.getOrDefault("WATCHSTREAM_APPLICATION_ID", applicationId),
        env.getOrDefault("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers),
        env.getOrDefault("WATCHSTREAM_SCHEMA_REGISTRY_URL", schemaRegistryUrl),
        env.containsKey("WATCHSTREAM_STATE_DIR") ? Path.of(env.get("WATCHSTREAM_STATE_DIR")) : stateDir,
        env.containsKey("WATCHSTREAM_RULES_FILE") ? Path.of(env.get("WATCHSTREAM_RULES_FILE")) : rulesFile,
        topics,
        env.containsKey("WATCHSTREAM_EVALUATION_INTERVAL") ? io.watchstream.processor.rules.Durations.parse(env.get("WATCHSTREAM_EVALUATION_INTERVAL")) : evaluationInterval,
        env.containsKey("WATCHSTREAM_IDLE_AFTER") ? io.watchstream.processor.rules.Durations.parse(env.get("WATCHSTREAM_IDLE_AFTER")) : idleAfter,
        env.containsKey("WATCHSTREAM_COMMIT_INTERVAL") ? io.watchstream.processor.rules.Durations.parse(env.get("WATCHSTREAM_COMMIT_INTERVAL")) : commitInterval,
        Integer.parseInt(env.getOrDefault("WATCHSTREAM_STREAM_THREADS", Integer.toString(streamThreads))),
        Integer.parseInt(env.getOrDefault("WATCHSTREAM_STANDBY_REPLICAS", Integer.toString(standbyReplicas))),
        Integer.parseInt(env.getOrDefault("WATCHSTREAM_PROCESSOR_HTTP_PORT", Integer.toString(httpPort))),
        new RecordBounds(
            env.containsKey("WATCHSTREAM_MAX_FUTURE_SKEW") ? bound(env.get("WATCHSTREAM_MAX_FUTURE_SKEW")) : recordBounds.futureSkew(),
            env.containsKey("WATCHSTREAM_MAX_PAST_AGE") ? bound(env.get("WATCHSTREAM_MAX_PAST_AGE")) : recordBounds.pastAge()));
  }

  /** A bound from the environment: a duration, or {@code none} for no bound. */
  private static Duration bound(String value) {
    return "none".equalsIgnoreCase(value.trim()) ? null : io.watchstream.processor.rules.Durations.parse(value);
  }

  public ProcessorConfig withBootstrap(String bootstrap, String registryUrl) {
    return new ProcessorConfig(applicationId, bootstrap, registryUrl, stateDir, rulesFile, topicOverrides, evaluationInterval,
        idleAfter, commitInterval, streamThreads, standbyReplicas, httpPort, recordBounds);
  }

  public ProcessorConfig withStateDir(Path dir) {
    return new ProcessorConfig(applicationId, bootstrapServers, schemaRegistryUrl, dir, rulesFile, topicOverrides,
        evaluationInterval, idleAfter, commitInterval, streamThreads, standbyReplicas, httpPort, recordBounds);
  }

  public ProcessorConfig withApplicationId(String id) {
    return new ProcessorConfig(id, bootstrapServers, schemaRegistryUrl, stateDir, rulesFile, topicOverrides,
        evaluationInterval, idleAfter, commitInterval, streamThreads, standbyReplicas, httpPort, recordBounds);
  }

  public ProcessorConfig withRulesFile(Path file) {
    return new ProcessorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, file, topicOverrides,
        evaluationInterval, idleAfter, commitInterval, streamThreads, standbyReplicas, httpPort, recordBounds);
  }

  public ProcessorConfig withRecordBounds(RecordBounds bounds) {
    return new ProcessorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, rulesFile, topicOverrides,
        evaluationInterval, idleAfter, commitInterval, streamThreads, standbyReplicas, httpPort, bounds);
  }

  public ProcessorConfig withHttpPort(int port) {
    return new ProcessorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, rulesFile, topicOverrides,
        evaluationInterval, idleAfter, commitInterval, streamThreads, standbyReplicas, port, recordBounds);
  }
}

package io.watchstream.processor.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.watchstream.processor.topology.TopologySettings;
import io.watchstream.runtime.config.Durations;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.kafka.PropertyValue;
import io.watchstream.runtime.kafka.RegistrySettings;
import io.watchstream.schemas.RecordBounds;
import io.watchstream.schemas.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the processor is configured with, loaded once at start-up by {@link ProcessorConfigLoader} from
 * {@code processor.yaml} and {@code WATCHSTREAM_*} environment overrides. Every default is here, in one place: an
 * absent section or key (null) takes it, so {@link #defaults()} is the configuration of an empty file.
 *
 * @param kafka where the processor runs and how Kafka Streams is sized
 * @param topics topic name overrides by logical name ({@code metrics}, {@code alerts}, {@code scalingCommands}, ...)
 * @param rulesFile the rule file {@code watchstream process} publishes at start
 * @param evaluation how the rules are evaluated
 * @param ops the ops endpoint and how the processor watches itself
 */
public record ProcessorConfig(Kafka kafka, Map<String, String> topics, Path rulesFile, Evaluation evaluation,
    ProcessorOpsConfig ops) {

  public ProcessorConfig {
    kafka = kafka == null ? new Kafka(null, null, null, null, null, null, null, null, null) : kafka;
    // keeps a topic written as ~, for the validator to name it rather than fail the whole copy
    topics = topics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    rulesFile = rulesFile == null ? Path.of("rules.yaml") : rulesFile;
    evaluation = evaluation == null ? new Evaluation(null, null, null, null) : evaluation;
    ops = ops == null ? ProcessorOpsConfig.defaults() : ops;
  }

  public static ProcessorConfig defaults() {
    return new ProcessorConfig(null, null, null, null, null);
  }

  /**
   * @param applicationId the Kafka Streams application id (consumer group, prefix of internal topics)
   * @param stateDir the Kafka Streams state directory
   * @param commitInterval how often Kafka Streams commits, hence how soon exactly-once output becomes visible
   * @param streamThreads stream threads of this instance
   * @param standbyReplicas warm copies of each task's stores on other instances
   * @param properties Kafka client properties for every client of the processor (security, SASL, TLS), secrets as
   *     {@code {env:}} / {@code {file:}} references ({@link KafkaConnection})
   * @param registry the schema registry's credentials and TLS trust
   */
  public record Kafka(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
      Duration commitInterval, Integer streamThreads, Integer standbyReplicas, Map<String, PropertyValue> properties,
      RegistrySettings registry) {

    /** Without connection settings: an unsecured broker and registry. */
    public Kafka(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
        Duration commitInterval, Integer streamThreads, Integer standbyReplicas) {
      this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, commitInterval, streamThreads, standbyReplicas,
          null, null);
    }

    /** The connection these settings describe, references read from {@code env} and the files now. */
    public KafkaConnection connection(Map<String, String> env) {
      return KafkaConnection.resolve("kafka", bootstrapServers, properties, schemaRegistryUrl, registry, env);
    }

    public Kafka {
      properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
      registry = registry == null ? RegistrySettings.NONE : registry;
      bootstrapServers = bootstrapServers == null ? "127.0.0.1:9092" : bootstrapServers;
      schemaRegistryUrl = schemaRegistryUrl == null ? "http://127.0.0.1:8081/apis/ccompat/v7" : schemaRegistryUrl;
      applicationId = applicationId == null ? "watchstream-processor" : applicationId;
      stateDir = stateDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "watchstream-processor-state") : stateDir;
      commitInterval = commitInterval == null ? Duration.ofMillis(100) : commitInterval;
      streamThreads = streamThreads == null ? 1 : streamThreads;
      standbyReplicas = standbyReplicas == null ? 0 : standbyReplicas;
    }
  }

  /**
   * @param interval how often (in stream time and in wall-clock time) every (rule, series) is re-evaluated
   * @param idleAfter wall-clock time without input after which event time is extrapolated, so dead sources still
   *     close periods
   * @param maxFutureSkew how far ahead of the wall clock an input event may be stamped ({@code none}: no bound)
   * @param maxPastAge how far behind the wall clock an input event may be stamped ({@code none}: no bound); events
   *     outside go to {@code <topic>.late} (see {@link RecordBounds})
   */
  public record Evaluation(Duration interval, Duration idleAfter, Bound maxFutureSkew, Bound maxPastAge) {

    public Evaluation {
      interval = interval == null ? Duration.ofSeconds(5) : interval;
      // longer than an ingest poll cycle plus a hiccup, so a late poll is not mistaken for silence
      idleAfter = idleAfter == null ? Duration.ofMinutes(2) : idleAfter;
      // CloudWatch's own PutMetricData window: 2 h ahead (clock skew), 2 weeks behind (a backfill older than
      // that is history, for replay, not for live alerting)
      maxFutureSkew = maxFutureSkew == null ? new Bound(RecordBounds.DEFAULTS.futureSkew()) : maxFutureSkew;
      maxPastAge = maxPastAge == null ? new Bound(RecordBounds.DEFAULTS.pastAge()) : maxPastAge;
    }

    public RecordBounds recordBounds() {
      return new RecordBounds(maxFutureSkew.limit(), maxPastAge.limit());
    }
  }

  /** A time bound written as a duration, or {@code none} for no bound ({@code limit} null). */
  public record Bound(Duration limit) {

    public static final Bound NONE = new Bound(null);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Bound parse(String text) {
      if ("none".equalsIgnoreCase(text.trim())) {
        return NONE;
      }
      try {
        return new Bound(Durations.parse(text));
      } catch (IllegalArgumentException e) {
        // Durations' own message quotes the text; a config value is never echoed (it may be a misplaced secret)
        throw new IllegalArgumentException("expected a duration (e.g. 60, 90s, 5m, 2h, 7d or PT5M) or none");
      }
    }
  }

  /** The topic names: the defaults with {@link #topics} replacing some. */
  public TopicNames topicNames() {
    return TopicNames.defaults().with(topics);
  }

  /** What the topology's rule logic takes from this configuration. */
  public TopologySettings topologySettings() {
    return new TopologySettings(evaluation.interval(), evaluation.idleAfter(), evaluation.recordBounds());
  }
}

package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.schemas.RecordBounds;
import io.watchstream.runtime.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorConfigTest {

  @TempDir Path dir;

  @Test
  void environmentOverridesDefaults() {
    ProcessorConfig c = ProcessorConfigLoader.fromEnv(Map.of(
        "WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "WATCHSTREAM_STATE_DIR", "/var/lib/ws",
        "WATCHSTREAM_EVALUATION_INTERVAL", "10s",
        "WATCHSTREAM_TOPIC_SCALING_COMMANDS", "prod.scaling",
        "WATCHSTREAM_PROCESSOR_HTTP_PORT", "9000"));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(c.kafka().stateDir()).isEqualTo(Path.of("/var/lib/ws"));
    assertThat(c.evaluation().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.topics()).containsEntry("scalingCommands", "prod.scaling");
    assertThat(c.ops().httpPort()).isEqualTo(9000);
    assertThat(c.kafka().applicationId()).isEqualTo("watchstream-processor");
  }

  @Test
  void topicOverridesFromTheEnvironmentNameTheTopicsTheProcessorUses() {
    ProcessorConfig c = ProcessorConfigLoader.fromEnv(Map.of(
        "WATCHSTREAM_TOPIC_SCALING_COMMANDS", "prod.scaling", "WATCHSTREAM_TOPIC_METRICS", "prod.metrics"));
    assertThat(c.topicNames().scalingCommands()).isEqualTo("prod.scaling");
    assertThat(c.topicNames().metrics()).isEqualTo("prod.metrics");
    assertThat(c.topicNames().alerts()).isEqualTo("alerts");
  }

  @Test
  void aFileIsReadAndTheEnvironmentWinsOverIt() throws Exception {
    Path file = Files.writeString(dir.resolve("processor.yaml"), """
        kafka:
          bootstrapServers: file:9092
          applicationId: from-file
          streamThreads: 2
        topics:
          alerts: prod.alerts
        rulesFile: /etc/rules.yaml
        evaluation:
          interval: 2s
          maxPastAge: none
        ops:
          httpPort: 9100
          stuckRecordAfter: 1m
        """);
    ProcessorConfig c = ProcessorConfigLoader.load(file, Map.of("WATCHSTREAM_APPLICATION_ID", "from-env"));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("file:9092");
    assertThat(c.kafka().applicationId()).isEqualTo("from-env");
    assertThat(c.kafka().streamThreads()).isEqualTo(2);
    assertThat(c.topicNames().alerts()).isEqualTo("prod.alerts");
    assertThat(c.rulesFile()).isEqualTo(Path.of("/etc/rules.yaml"));
    assertThat(c.topologySettings().evaluationInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.evaluation().recordBounds()).isEqualTo(new RecordBounds(Duration.ofHours(2), null));
    assertThat(c.ops().httpPort()).isEqualTo(9100);
    assertThat(c.ops().stuckRecordAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theExampleFileLoads() {
    ProcessorConfig c = ProcessorConfigLoader.load(Path.of("../examples/processor.yaml"), Map.of());
    assertThat(c).isEqualTo(ProcessorConfig.defaults());
  }

  @Test
  void unknownKeysAndBadValuesAreRefusedWithTheirLocationAndNeverTheValue() throws Exception {
    Path file = Files.writeString(dir.resolve("processor.yaml"), """
        kafka:
          bootstrapServer: kafka:9092
        """);
    assertThatThrownBy(() -> ProcessorConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("processor.yaml:2:").hasMessageContaining("bootstrapServer");
    Path topics = Files.writeString(dir.resolve("topics.yaml"), """
        topics:
          alert: prod.alerts
        ops:
          httpPort: 70000
        """);
    assertThatThrownBy(() -> ProcessorConfigLoader.load(topics, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("topics.alert").hasMessageContaining("ops.httpPort");
    assertThatThrownBy(() -> ProcessorConfigLoader.fromEnv(Map.of("WATCHSTREAM_IDLE_AFTER", "secret-token")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("WATCHSTREAM_IDLE_AFTER");
  }

  @Test
  void streamsRunExactlyOnceWithHandlersAndAnExplicitStateDir() {
    Properties p = StreamsProperties.of(ProcessorConfigLoader.fromEnv(Map.of("WATCHSTREAM_STATE_DIR", "/tmp/x")));
    assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.getProperty(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(Path.of("/tmp/x").toString());
    assertThat(p.getProperty(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).endsWith("DeadLetterHandler");
    assertThat(p.getProperty(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).endsWith("RetryingProductionHandler");
  }

  @Test
  void anOutageStallsTasksInsteadOfFailingThreadsOrLosingPartitions() {
    Properties p = StreamsProperties.of(ProcessorConfig.defaults());
    assertThat(Long.parseLong(p.getProperty(StreamsConfig.TASK_TIMEOUT_MS_CONFIG))).isGreaterThanOrEqualTo(86_400_000L);
    assertThat(Integer.parseInt(p.getProperty(StreamsConfig.consumerPrefix("max.poll.interval.ms")))).isGreaterThanOrEqualTo(300_000);
  }

  @Test
  void opsSettingsComeFromTheEnvironment() {
    ProcessorOpsConfig ops = ProcessorConfigLoader.fromEnv(Map.of("WATCHSTREAM_STUCK_RECORD_AFTER", "45s",
        "WATCHSTREAM_MAX_REPLACE_BACKOFF", "2m")).ops();
    assertThat(ops.stuckRecordAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(ops.maxReplaceBackoff()).isEqualTo(Duration.ofMinutes(2));
    assertThat(ops.replacedRecentlyFor()).isEqualTo(ProcessorOpsConfig.defaults().replacedRecentlyFor());
  }

  @Test
  void recordBoundsDefaultToCloudWatchsWindowAndComeFromTheEnvironment() {
    assertThat(ProcessorConfig.defaults().evaluation().recordBounds()).isEqualTo(
        new RecordBounds(Duration.ofHours(2), Duration.ofDays(14)));
    ProcessorConfig c = ProcessorConfigLoader.fromEnv(Map.of("WATCHSTREAM_MAX_FUTURE_SKEW", "30m", "WATCHSTREAM_MAX_PAST_AGE", "none"));
    assertThat(c.evaluation().recordBounds().futureSkew()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.evaluation().recordBounds().pastAge()).isNull();
  }
}

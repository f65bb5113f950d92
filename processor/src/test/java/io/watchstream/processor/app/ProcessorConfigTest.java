package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

  @Test
  void environmentOverridesDefaults() {
    ProcessorConfig c = ProcessorConfig.defaults().withEnv(Map.of(
        "WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "WATCHSTREAM_STATE_DIR", "/var/lib/ws",
        "WATCHSTREAM_EVALUATION_INTERVAL", "10s",
        "WATCHSTREAM_TOPIC_SCALING_COMMANDS", "prod.scaling",
        "WATCHSTREAM_PROCESSOR_HTTP_PORT", "9000"));
    assertThat(c.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/ws"));
    assertThat(c.evaluationInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.topicOverrides()).containsEntry("scaling-commands", "prod.scaling");
    assertThat(c.httpPort()).isEqualTo(9000);
    assertThat(c.applicationId()).isEqualTo("watchstream-processor");
  }

  @Test
  void streamsRunExactlyOnceWithHandlersAndAnExplicitStateDir() {
    Properties p = StreamsProperties.of(ProcessorConfig.defaults().withStateDir(Path.of("/tmp/x")));
    assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.getProperty(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/tmp/x");
    assertThat(p.getProperty(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).endsWith("DeadLetterHandler");
    assertThat(p.getProperty(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).endsWith("RetryingProductionHandler");
  }

  @Test
  void anOutageStallsTasksInsteadOfFailingThreadsOrLosingPartitions() {
    Properties p = StreamsProperties.of(ProcessorConfig.defaults().withStateDir(Path.of("/tmp/x")));
    assertThat(Long.parseLong(p.getProperty(StreamsConfig.TASK_TIMEOUT_MS_CONFIG))).isGreaterThanOrEqualTo(86_400_000L);
    assertThat(Integer.parseInt(p.getProperty(StreamsConfig.consumerPrefix("max.poll.interval.ms")))).isGreaterThanOrEqualTo(300_000);
  }

  @Test
  void opsSettingsComeFromTheEnvironment() {
    ProcessorOpsConfig ops = ProcessorOpsConfig.defaults().withEnv(java.util.Map.of("WATCHSTREAM_STUCK_RECORD_AFTER", "45s",
        "WATCHSTREAM_MAX_REPLACE_BACKOFF", "2m"));
    assertThat(ops.stuckRecordAfter()).isEqualTo(java.time.Duration.ofSeconds(45));
    assertThat(ops.maxReplaceBackoff()).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(ops.replacedRecentlyFor()).isEqualTo(ProcessorOpsConfig.defaults().replacedRecentlyFor());
  }

  @Test
  void recordBoundsDefaultToCloudWatchsWindowAndComeFromTheEnvironment() {
    assertThat(ProcessorConfig.defaults().recordBounds()).isEqualTo(
        new io.watchstream.processor.topology.RecordBounds(java.time.Duration.ofHours(2), java.time.Duration.ofDays(14)));
    ProcessorConfig c = ProcessorConfig.defaults().withEnv(Map.of("WATCHSTREAM_MAX_FUTURE_SKEW", "30m", "WATCHSTREAM_MAX_PAST_AGE", "none"));
    assertThat(c.recordBounds().futureSkew()).isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(c.recordBounds().pastAge()).isNull();
  }
}

package io.watchstream.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.ConfigProblem;
import io.watchstream.runtime.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigLoaderTest {

  private static final String GOOD = """
      instanceId: ingest-a
      aws: {region: eu-west-1, endpoint: "http://127.0.0.1:5000"}
      kafka:
        bootstrapServers: "broker:9092"
        topics: {metrics: m, logs: l}
      metrics:
        pollInterval: 30s
        overlap: 5m
        selectors:
          - namespace: AWS/EC2
            metricName: CPUUtilization
            dimensions: {InstanceId: "i-*"}
            statistics: [Average, Maximum]
          - namespace: CWAgent
            metricName: mem_used_percent
            period: 10
            highResolution: true
      logs:
        sources:
          - logGroup: /var/log/secure
            streamPrefix: i-
            filterPattern: '"Failed password"'
      """;

  @Test
  void readsSelectorsAndSourcesAndAppliesDefaults() {
    IngestConfig c = IngestConfigLoader.parse(GOOD, Map.of());

    assertThat(c.instanceId()).isEqualTo("ingest-a");
    assertThat(c.aws().endpoint()).isEqualTo("http://127.0.0.1:5000");
    assertThat(c.metrics().pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.metrics().overlap()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.metrics().refreshInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.metrics().selectors()).hasSize(2);
    assertThat(c.metrics().selectors().get(0).statistics()).containsExactly("Average", "Maximum");
    assertThat(c.metrics().selectors().get(0).period()).isEqualTo(60);
    assertThat(c.metrics().selectors().get(1).statistics()).containsExactly("Average");
    assertThat(c.metrics().selectors().get(1).period()).isEqualTo(10);
    assertThat(c.kafka().topics().metrics()).isEqualTo("m");
    assertThat(c.kafka().topics().checkpoints()).isEqualTo("ingest-checkpoints");
    assertThat(c.logs().sources().get(0).filterPattern()).isEqualTo("\"Failed password\"");
    assertThat(c.logs().requestsPerSecond()).isEqualTo(5.0);
  }

  @Test
  void environmentOverridesTheFile() {
    IngestConfig c = IngestConfigLoader.parse(GOOD, Map.of(
        "WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "other:9093",
        "AWS_REGION", "us-west-2",
        "WATCHSTREAM_AWS_REGION", "ap-south-1",
        "WATCHSTREAM_INGEST_HTTP_PORT", "0",
        "WATCHSTREAM_TOPIC_INGEST_CHECKPOINTS", "cp"));

    assertThat(c.kafka().bootstrapServers()).isEqualTo("other:9093");
    assertThat(c.aws().region()).isEqualTo("ap-south-1");
    assertThat(c.http().port()).isZero();
    assertThat(c.kafka().topics().checkpoints()).isEqualTo("cp");
    assertThat(c.kafka().topics().metrics()).isEqualTo("m");
  }

  @Test
  void unknownStatisticIsRejectedAtItsPlaceWithoutQuotingIt() {
    assertThatThrownBy(() -> IngestConfigLoader.parse(selector("statistics: [Average, Mean]"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("<inline>:5:29: metrics.selectors[0].statistics[1]: unknown statistic (known: Average,")
        .hasMessageNotContaining("Mean");
  }

  @Test
  void percentilesAreKnownStatistics() {
    IngestConfig c = IngestConfigLoader.parse(selector("statistics: [p99, p99.9, SampleCount]"), Map.of());
    assertThat(c.metrics().selectors().get(0).statistics()).containsExactly("p99", "p99.9", "SampleCount");
  }

  @Test
  void standardResolutionPeriodMustBeAMultipleOfSixty() {
    assertThatThrownBy(() -> IngestConfigLoader.parse(selector("period: 30"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CloudWatch has no 30-second period for a standard-resolution metric: use a multiple of 60s");
    assertThat(IngestConfigLoader.parse(selector("period: 300"), Map.of()).metrics().selectors().get(0).period())
        .isEqualTo(300);
  }

  @Test
  void highResolutionAllowsTenAndThirtySeconds() {
    assertThat(IngestConfigLoader.parse(selector("period: 30\n      highResolution: true"), Map.of())
        .metrics().selectors().get(0).period()).isEqualTo(30);
    assertThatThrownBy(() -> IngestConfigLoader.parse(selector("period: 45\n      highResolution: true"), Map.of()))
        .hasMessageContaining("CloudWatch has no 45-second period: use 1s, 5s, 10s or 30s (high-resolution metrics) or a multiple of 60s");
  }

  @Test
  void emptySelectorIsRejected() {
    String yaml = """
        metrics:
          selectors:
            - {}
        """;
    assertThatThrownBy(() -> IngestConfigLoader.parse(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(fieldProblems(e)).contains(
            "metrics.selectors[0]: namespace is required (empty selector)",
            "metrics.selectors[0]: metricName is required (empty selector)"));
  }

  @Test
  void emptyStatisticsListIsAnEmptySelector() {
    assertThatThrownBy(() -> IngestConfigLoader.parse(selector("statistics: []"), Map.of()))
        .hasMessageContaining("statistics is empty (empty selector)");
  }

  @Test
  void blankEntriesAreReportedNotThrownAsNullPointers() {
    String yaml = """
        metrics:
          selectors:
            - ~
            - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: ~}, statistics: [~]}
        logs:
          sources: [~]
        """;
    assertThatThrownBy(() -> IngestConfigLoader.parse(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(fieldProblems(e)).containsExactly(
            "metrics.selectors[0]: empty selector (needs namespace, metricName and statistics)",
            "metrics.selectors[1].statistics[0]: unknown statistic (known: Average, Sum, Minimum, Maximum, SampleCount, pNN)",
            "metrics.selectors[1]: dimension filter 'InstanceId' needs a name and a value pattern (use * for any value)",
            "logs.sources[0]: logGroup is required"));
  }

  @Test
  void nothingToIngestIsRejected() {
    assertThatThrownBy(() -> IngestConfigLoader.parse("instanceId: x\n", Map.of()))
        .hasMessageContaining("nothing to ingest");
  }

  @Test
  void misspeltKeyIsAnErrorNotADefault() {
    assertThatThrownBy(() -> IngestConfigLoader.parse(selector("statistic: [Average]"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("statistic");
  }

  @Test
  void allProblemsAreReportedTogether() {
    String yaml = """
        metrics:
          selectors:
            - {namespace: AWS/EC2, metricName: CPUUtilization, statistics: [Avg], period: 45}
        """;
    assertThatThrownBy(() -> IngestConfigLoader.parse(yaml, Map.of()))
        .satisfies(e -> assertThat(fieldProblems(e)).hasSize(2));
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    assertThat(List.of(Durations.parse("250ms"), Durations.parse("90s"), Durations.parse("10m"),
        Durations.parse("2h"), Durations.parse("PT1M"), Durations.parse("15")))
        .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(90), Duration.ofMinutes(10),
            Duration.ofHours(2), Duration.ofMinutes(1), Duration.ofSeconds(15));
  }

  /** Each problem as "field: problem", the way the validator states it. */
  private static List<String> fieldProblems(Throwable e) {
    return ((ConfigException) e).problems().stream()
        .map(p -> p.field().isEmpty() ? p.problem() : p.field() + ": " + p.problem()).toList();
  }

  @Test
  void validationProblemsPointAtTheLineOfTheField() {
    String yaml = """
        metrics:
          selectors:
            - {namespace: AWS/EC2, metricName: CPUUtilization, period: 45}
          maxQueriesPerCall: 900
        """;
    assertThatThrownBy(() -> IngestConfigLoader.parse(yaml, Map.of()))
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString).containsExactly(
            "<inline>:3:56: metrics.selectors[0].period: CloudWatch has no 45-second period for a standard-resolution metric:"
                + " use a multiple of 60s (or set highResolution: true for 1, 5, 10 or 30 seconds)",
            "<inline>:4:3: metrics.maxQueriesPerCall: must be between 1 and 500 (GetMetricData's limit), got 900"));
  }

  private static String selector(String extra) {
    return """
        metrics:
          selectors:
            - namespace: AWS/EC2
              metricName: CPUUtilization
              %s
        """.formatted(extra);
  }
}

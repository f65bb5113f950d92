package io.watchstream.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.runtime.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each value rule of the README's ingest reference, refused with its field located, and the bounds that load. */
class IngestValueRulesTest {

  private static final String SELECTOR = "metrics:\n  selectors: [{namespace: N, metricName: M}]\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      http: {port: -2}                    | <inline>:3:8: http.port: must be a port number 1-65535, 0 for any free port or -1 for none, got -2
      http: {port: 65536}                 | <inline>:3:8: http.port: must be a port number 1-65535, 0 for any free port or -1 for none, got 65536
      shard: {count: 0}                   | <inline>:3:9: shard.count: must be >= 1, got 0
      shard: {index: -1, count: 2}        | <inline>:3:9: shard.index: must be >= 0 and < shard.count (2), got -1
      shard: {index: 2, count: 2}         | <inline>:3:9: shard.index: must be >= 0 and < shard.count (2), got 2
      kafka: {partitions: 0}              | <inline>:3:9: kafka.partitions: must be >= 1, got 0
      kafka: {replicationFactor: -1}      | <inline>:3:9: kafka.replicationFactor: must be >= 1, got -1
      aws: {maxAttempts: 0}               | <inline>:3:7: aws.maxAttempts: must be >= 1, got 0
      aws: {apiCallTimeout: 0s}           | <inline>:3:7: aws.apiCallTimeout: must be positive, got 0s
      backfill: {maxCallsPerSecond: 0}    | <inline>:3:12: backfill.maxCallsPerSecond: must be > 0, got 0.0
      backfill: {chunk: 0s}               | <inline>:3:12: backfill.chunk: must be positive, got 0s
      logs: {pollInterval: 0s}            | <inline>:3:8: logs.pollInterval: must be positive, got 0s
      logs: {overlap: PT-1S}              | <inline>:3:8: logs.overlap: must not be negative, got -1s
      logs: {initialLookback: PT-1M}      | <inline>:3:8: logs.initialLookback: must not be negative, got -1m
      logs: {requestsPerSecond: -1}       | <inline>:3:8: logs.requestsPerSecond: must be > 0, got -1.0
      logs: {pageLimit: 0}                | <inline>:3:8: logs.pageLimit: must be between 1 and 10000, got 0
      logs: {pageLimit: 10001}            | <inline>:3:8: logs.pageLimit: must be between 1 and 10000, got 10001
      bounds: {maxFutureSkew: 0s}         | <inline>:3:10: bounds.maxFutureSkew: must be positive, got 0s
      bounds: {maxPastAge: 0s}            | <inline>:3:10: bounds.maxPastAge: must be positive, got 0s
      bounds: {maxRecordBytes: 9999}      | <inline>:3:10: bounds.maxRecordBytes: must be >= 10000, got 9999
      cost: {perThousandLogsRequests: -1} | <inline>:3:8: cost.perThousandLogsRequests: must not be negative, got -1.0
      """)
  void aValueOutsideItsRangeIsRefusedAtItsField(String yaml, String expected) {
    assertThat(problem(SELECTOR + yaml + "\n", Map.of())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      pollInterval: 0s      | <inline>:3:3: metrics.pollInterval: must be positive, got 0s
      refreshInterval: 0s   | <inline>:3:3: metrics.refreshInterval: must be positive, got 0s
      overlap: PT-1M        | <inline>:3:3: metrics.overlap: must not be negative, got -1m
      initialLookback: PT-1M | <inline>:3:3: metrics.initialLookback: must not be negative, got -1m
      maxQueriesPerCall: 0  | <inline>:3:3: metrics.maxQueriesPerCall: must be between 1 and 500 (GetMetricData's limit), got 0
      maxQueriesPerCall: 501 | <inline>:3:3: metrics.maxQueriesPerCall: must be between 1 and 500 (GetMetricData's limit), got 501
      """)
  void aMetricsValueOutsideItsRangeIsRefusedAtItsField(String yaml, String expected) {
    assertThat(problem(SELECTOR + "  " + yaml + "\n", Map.of())).isEqualTo(expected);
  }

  @Test
  void aSelectorPeriodIsLocatedAtThePeriod() {
    assertThat(problem("metrics:\n  selectors:\n    - {namespace: N, metricName: M, period: -60}\n", Map.of()))
        .isEqualTo("<inline>:3:37: metrics.selectors[0].period: must be positive: 1s, 5s, 10s, 30s or a multiple of 60s");
  }

  @Test
  void aBadShardFromTheEnvironmentNamesTheVariable() {
    assertThat(problem(SELECTOR, Map.of("WATCHSTREAM_INGEST_SHARD_COUNT", "-3")))
        .isEqualTo("env WATCHSTREAM_INGEST_SHARD_COUNT: shard.count: must be >= 1, got -3");
  }

  @Test
  void theBoundsOfEachRangeLoad() {
    IngestConfig c = IngestConfigLoader.parse(SELECTOR + "  maxQueriesPerCall: 1\n  overlap: 0s\nhttp: {port: 65535}\n"
        + "shard: {index: 0, count: 1}\nkafka: {partitions: 1, replicationFactor: 1}\naws: {maxAttempts: 1}\n"
        + "cost: {perThousandLogsRequests: 0}\nbounds: {maxRecordBytes: 10000}\n", Map.of());
    assertThat(c.http().port()).isEqualTo(65535);
    assertThat(IngestConfigLoader.parse(SELECTOR + "http: {port: -1}\n", Map.of()).http().port()).isEqualTo(-1);
    assertThat(IngestConfigLoader.parse(SELECTOR + "http: {port: 0}\n", Map.of()).http().port()).isZero();
  }

  @Test
  void producerSettingsAreNotShownByToString() {
    IngestConfig c = IngestConfigLoader.parse(SELECTOR + "kafka: {producer: {ssl.key.password: hunter2-hunter2}}\n", Map.of());
    assertThat(c.kafka().producer()).containsEntry("ssl.key.password", "hunter2-hunter2");
    assertThat(c.toString()).contains("producer keys=[ssl.key.password]").doesNotContain("hunter2");
  }

  private static String problem(String yaml, Map<String, String> env) {
    try {
      IngestConfigLoader.parse(yaml, env);
    } catch (ConfigException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().get(0).toString();
    }
    throw new AssertionError("loaded: " + yaml);
  }
}

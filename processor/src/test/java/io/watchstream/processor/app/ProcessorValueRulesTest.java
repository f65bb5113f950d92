package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.runtime.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each value rule of the README's processor reference, refused with its field located, and the bounds that load. */
class ProcessorValueRulesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ops: {httpPort: -2}                                 | <inline>:1:7: ops.httpPort: must be a port number 1-65535, 0 for any free port or -1 for none
      ops: {httpPort: 65536}                              | <inline>:1:7: ops.httpPort: must be a port number 1-65535, 0 for any free port or -1 for none
      kafka: {streamThreads: 0}                           | <inline>:1:9: kafka.streamThreads: must be at least 1
      kafka: {standbyReplicas: -1}                        | <inline>:1:9: kafka.standbyReplicas: must not be negative
      kafka: {commitInterval: PT-1S}                      | <inline>:1:9: kafka.commitInterval: must not be negative
      evaluation: {interval: 0s}                          | <inline>:1:14: evaluation.interval: must be longer than zero
      evaluation: {idleAfter: 0s}                         | <inline>:1:14: evaluation.idleAfter: must be longer than zero
      evaluation: {maxFutureSkew: PT-1H}                  | <inline>:1:14: evaluation.maxFutureSkew: must not be negative
      evaluation: {maxPastAge: PT-1H}                     | <inline>:1:14: evaluation.maxPastAge: must not be negative
      ops: {stuckRecordAfter: 0s}                         | <inline>:1:7: ops.stuckRecordAfter: must be longer than zero
      ops: {replacedRecentlyFor: PT-1S}                   | <inline>:1:7: ops.replacedRecentlyFor: must not be negative
      ops: {firstReplaceBackoff: PT-1S}                   | <inline>:1:7: ops.firstReplaceBackoff: must not be negative
      ops: {firstReplaceBackoff: 2m, maxReplaceBackoff: 1m} | <inline>:1:32: ops.maxReplaceBackoff: must not be shorter than ops.firstReplaceBackoff
      ops: {brokerProbeInterval: 0s}                      | <inline>:1:7: ops.brokerProbeInterval: must be longer than zero
      """)
  void aValueOutsideItsRangeIsRefusedAtItsField(String yaml, String expected) {
    assertThat(problem(yaml + "\n", Map.of())).isEqualTo(expected);
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheVariable() {
    assertThat(problem("", Map.of("WATCHSTREAM_STREAM_THREADS", "0")))
        .isEqualTo("env WATCHSTREAM_STREAM_THREADS: kafka.streamThreads: must be at least 1");
  }

  @Test
  void theBoundsOfEachRangeLoad() {
    ProcessorConfig c = ProcessorConfigLoader.fromEnv(Map.of("WATCHSTREAM_PROCESSOR_HTTP_PORT", "65535",
        "WATCHSTREAM_STREAM_THREADS", "1", "WATCHSTREAM_STANDBY_REPLICAS", "0", "WATCHSTREAM_COMMIT_INTERVAL", "0s",
        "WATCHSTREAM_MAX_FUTURE_SKEW", "0s", "WATCHSTREAM_FIRST_REPLACE_BACKOFF", "0s"));
    assertThat(c.ops().httpPort()).isEqualTo(65535);
    assertThat(ProcessorConfigLoader.fromEnv(Map.of("WATCHSTREAM_PROCESSOR_HTTP_PORT", "-1")).ops().httpPort()).isEqualTo(-1);
  }

  private static String problem(String yaml, Map<String, String> env) {
    try {
      ProcessorConfigLoader.parse(yaml, env);
    } catch (ConfigException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().get(0).toString();
    }
    throw new AssertionError("loaded: " + yaml);
  }
}

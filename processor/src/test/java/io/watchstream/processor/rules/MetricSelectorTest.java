package io.watchstream.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.watchstream.avro.Dimension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricSelectorTest {

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
      "*, anything, true",
      "i-prod*, i-prod-1, true",
      "i-prod*, i-prod, true",
      "i-prod*, i-pro, false",
      "i-prod*, xi-prod-1, false",
      "i-*-web*, i-1-web-2, true",
      "i-*-web*, i-1-db-2, false",
      "*-web, app-web, true",
      "*-web, app-web-2, false",
      "i-?, i-7, true",
      "i-?, i-77, false",
      "i-?*, i-77, true",
      "i-1, i-1, true",
      "i-1, i-12, false",
      "a.b*, a.bc, true",
      "a.b*, axbc, false"})
  void dimensionGlobsMatchWholeValues(String glob, String value, boolean expected) {
    MetricSelector s = new MetricSelector("AWS/EC2", "CPUUtilization", Map.of("InstanceId", glob));
    assertThat(s.matches("AWS/EC2", "CPUUtilization", List.of(new Dimension("InstanceId", value)))).isEqualTo(expected);
  }

  @Test
  void aGlobWithManyStarsAgainstAFortyCharacterValueReturnsPromptly() {
    // about 70 s per datapoint while globs were translated to back-tracking regexes
    MetricSelector s = new MetricSelector("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "*a*a*a*a*a*a*a*a*a*a*b"));
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertThat(s.matches("AWS/EC2", "CPUUtilization", List.of(new Dimension("InstanceId", "a".repeat(40))))).isFalse();
      assertThat(s.matches("AWS/EC2", "CPUUtilization", List.of(new Dimension("InstanceId", "a".repeat(40) + "b")))).isTrue();
    });
  }

  @Test
  void logSelectorGlobsWithManyStarsReturnPromptly() {
    LogSelector s = new LogSelector("/app/*a*a*a*a*a*a*a*a*a*a*b", "*a*a*a*a*a*a*a*a*a*a*b", null);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertThat(s.matches("/app/" + "a".repeat(40), "a".repeat(40) + "b")).isFalse();
      assertThat(s.matches("/app/" + "a".repeat(40) + "b", "a".repeat(40))).isFalse();
      assertThat(s.matches("/app/" + "a".repeat(40) + "b", "a".repeat(40) + "b")).isTrue();
    });
  }
}

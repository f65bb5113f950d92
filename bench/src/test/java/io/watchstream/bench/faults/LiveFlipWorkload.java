package io.watchstream.bench.faults;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.SeriesKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link FlipWorkload}'s scripted series in wall-clock time: period {@code p} starts {@code p} × 5 s after
 * {@link #start} (aligned to 5 s) and is sent when it begins, so the workload is as live as CloudWatch data and
 * any time bound relative to the wall clock applies to it as to production input. Each series flips between 20 %
 * and 95 % every three periods under the 1-of-1 rule {@value #RULE_ID} ({@code i-flip*}, 5 s, grace 0).
 */
final class LiveFlipWorkload {

  static final String RULE_ID = "flip-over-50";
  static final Duration PERIOD = Duration.ofSeconds(5);
  static final String NAMESPACE = "AWS/EC2";
  static final String METRIC = "CPUUtilization";
  static final String RULES_YAML = """
        - id: flip-over-50
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "i-flip*" } }
          period: 5s
          statistic: Average
          comparison: ">"
          threshold: 50
          grace: 0s
      """;

  final int series;
  final int periods;
  final Instant start;

  LiveFlipWorkload(int series, int periods, Instant notBefore) {
    this.series = series;
    this.periods = periods;
    long p = PERIOD.toMillis();
    this.start = Instant.ofEpochMilli((notBefore.toEpochMilli() / p + 1) * p);
  }

  static String instanceId(int series) {
    return String.format(Locale.ROOT, "i-flip%06d", series);
  }

  static MetricSeriesKey key(int series) {
    return new MetricSeriesKey(NAMESPACE, METRIC, List.of(new Dimension("InstanceId", instanceId(series))), "Average",
        (int) PERIOD.toSeconds());
  }

  static MetricDatapoint datapoint(int series, Instant at, double value) {
    return new MetricDatapoint(NAMESPACE, METRIC, List.of(new Dimension("InstanceId", instanceId(series))), at, value,
        "Percent", "Average", (int) PERIOD.toSeconds(), "sample");
  }

  static double value(int series, int period) {
    return FlipWorkload.value(series, period);
  }

  Instant periodStart(int period) {
    return start.plus(PERIOD.multipliedBy(period));
  }

  /** The transitions implied by the input: the first period leaves INSUFFICIENT_DATA, then every flip. */
  Map<String, Long> expected() {
    Map<String, Long> out = new HashMap<>();
    for (int s = 0; s < series; s++) {
      AlarmState state = AlarmState.INSUFFICIENT_DATA;
      for (int period = 0; period < periods; period++) {
        AlarmState next = value(s, period) > 50 ? AlarmState.ALARM : AlarmState.OK;
        if (next != state) {
          out.put(transition(SeriesKeys.canonical(key(s)), state, next, periodStart(period)), 1L);
          state = next;
        }
      }
    }
    return out;
  }

  /** The workload rule's transitions on the workload's own series, decided by its periods. */
  Map<String, Long> observed(List<AlertTransition> alerts) {
    Set<String> keys = new HashSet<>();
    for (int s = 0; s < series; s++) {
      keys.add(SeriesKeys.canonical(key(s)));
    }
    Instant last = periodStart(periods - 1);
    return alerts.stream()
        .filter(a -> RULE_ID.equals(a.getRuleId()) && !a.getReminder() && keys.contains(a.getSeriesKey()))
        .filter(a -> !a.getWindowStart().isAfter(last))
        .collect(Collectors.groupingBy(a -> transition(a.getSeriesKey(), a.getFromState(), a.getToState(), a.getWindowStart()),
            Collectors.counting()));
  }

  boolean complete(List<AlertTransition> alerts) {
    return observed(alerts).keySet().containsAll(expected().keySet());
  }

  FlipWorkload.Outcome check(List<AlertTransition> alerts) {
    Map<String, Long> expected = expected();
    Map<String, Long> observed = observed(alerts);
    return new FlipWorkload.Outcome(expected.size(), observed.values().stream().mapToLong(Long::longValue).sum(),
        expected.keySet().stream().filter(k -> !observed.containsKey(k)).count(),
        observed.values().stream().filter(c -> c > 1).count(),
        observed.keySet().stream().filter(k -> !expected.containsKey(k)).count());
  }

  private static String transition(String series, AlarmState from, AlarmState to, Instant windowStart) {
    return series + " " + from + "->" + to + " @" + windowStart;
  }
}

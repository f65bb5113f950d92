package io.watchstream.bench.faults;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.schemas.SeriesKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A scripted metrics workload whose alerts follow from the input alone: each series flips between 20 % and 95 %
 * every three periods, evaluated by the 1-of-1 {@code cpu-over-50} rule. {@link #check} compares the alerts
 * topic with the expected transitions: missing (gap), duplicated, unexpected (storm).
 */
final class FlipWorkload {

  record Outcome(int expected, long observedTotal, long missing, long duplicated, long unexpected) {
    boolean clean() {
      return missing == 0 && duplicated == 0 && unexpected == 0;
    }

    String describe() {
      return observedTotal + " transitions: " + missing + " missing, " + duplicated + " duplicated, " + unexpected + " unexpected";
    }
  }

  final int series;
  final int periods;
  final Instant start;

  FlipWorkload(int series, int periods) {
    this.series = series;
    this.periods = periods;
    // Far enough in the past that every period is complete.
    this.start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(periods + 10L, ChronoUnit.MINUTES);
  }

  static double value(int series, int period) {
    return ((series + period) / 3) % 2 == 0 ? 20.0 : 95.0;
  }

  /** Writes one period of every series and flushes. */
  void send(Pipeline p, int period) {
    for (int s = 0; s < series; s++) {
      p.datapoint(s, start.plus(period, ChronoUnit.MINUTES), value(s, period));
    }
    p.flush();
  }

  /** The transitions implied by the input: the first period leaves INSUFFICIENT_DATA, then every flip. */
  Map<String, Long> expected() {
    Map<String, Long> out = new HashMap<>();
    for (int s = 0; s < series; s++) {
      AlarmState state = AlarmState.INSUFFICIENT_DATA;
      for (int period = 0; period < periods; period++) {
        AlarmState next = value(s, period) > 50 ? AlarmState.ALARM : AlarmState.OK;
        if (next != state) {
          out.put(key(SeriesKeys.canonical(SyntheticSeries.key(s)), state, next, start.plus(period, ChronoUnit.MINUTES)), 1L);
          state = next;
        }
      }
    }
    return out;
  }

  /** Transitions on the alerts topic decided by the workload's periods (later ones come from missing data). */
  Map<String, Long> observed(Pipeline p) {
    Instant last = start.plus(periods - 1L, ChronoUnit.MINUTES);
    List<AlertTransition> alerts = p.alerts().stream().filter(a -> !a.getReminder())
        .filter(a -> !a.getWindowStart().isAfter(last)).toList();
    return alerts.stream().collect(Collectors.groupingBy(
        a -> key(a.getSeriesKey(), a.getFromState(), a.getToState(), a.getWindowStart()), Collectors.counting()));
  }

  /** True when every expected transition decided by periods up to {@code lastPeriod} is on the alerts topic. */
  boolean completeThrough(Pipeline p, int lastPeriod) {
    Instant last = start.plus(lastPeriod, ChronoUnit.MINUTES);
    Map<String, Long> observed = observed(p);
    return expectedWindows().entrySet().stream().filter(e -> !e.getValue().isAfter(last))
        .allMatch(e -> observed.containsKey(e.getKey()));
  }

  private Map<String, Instant> expectedWindows() {
    Map<String, Instant> out = new HashMap<>();
    for (int s = 0; s < series; s++) {
      AlarmState state = AlarmState.INSUFFICIENT_DATA;
      for (int period = 0; period < periods; period++) {
        AlarmState next = value(s, period) > 50 ? AlarmState.ALARM : AlarmState.OK;
        if (next != state) {
          Instant window = start.plus(period, ChronoUnit.MINUTES);
          out.put(key(SeriesKeys.canonical(SyntheticSeries.key(s)), state, next, window), window);
          state = next;
        }
      }
    }
    return out;
  }

  boolean complete(Pipeline p) {
    return observed(p).keySet().containsAll(expected().keySet());
  }

  Outcome check(Pipeline p) {
    Map<String, Long> expected = expected();
    Map<String, Long> observed = observed(p);
    return new Outcome(expected.size(), observed.values().stream().mapToLong(Long::longValue).sum(),
        expected.keySet().stream().filter(k -> !observed.containsKey(k)).count(),
        observed.values().stream().filter(c -> c > 1).count(),
        observed.keySet().stream().filter(k -> !expected.containsKey(k)).count());
  }

  private static String key(String series, AlarmState from, AlarmState to, Instant windowStart) {
    return series + " " + from + "->" + to + " @" + windowStart;
  }
}

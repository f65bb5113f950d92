package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the processor at a random point while a scripted workload runs, then a restart on the same state
 * directory: the alerts topic must hold every expected transition exactly once — no gap, no duplicate, and no
 * storm of extra transitions after the restart. The rule is 1 of 1 ({@code > 50}); each series flips between 20 %
 * and 95 % every three periods, so the expected transitions follow from the input alone.
 */
class KillProcessorIT {

  private static final int SERIES = 20;
  private static final int PERIODS = 36;

  @Test
  void aKilledProcessorResumesWithoutGapDuplicateOrStorm() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path state = Files.createTempDirectory("kill9-state");
    Path log = Files.createTempFile("kill9-processor", ".log");
    try (Pipeline p = new Pipeline(RealParts.kafka(), RealParts.registry().ccompatUrl(), "kill9", 2)) {
      BenchRules.publish(p.bootstrap(), p.topics.rules(), BenchRules.ONE_PER_SERIES);
      String[] args = {p.bootstrap(), p.registryUrl, p.prefix, p.prefix + "app", state.toString()};
      ChildJvm first = ChildJvm.start(ProcessorChild.class, log, args);
      first.awaitLine("RUNNING", Duration.ofMinutes(2));

      Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(PERIODS + 10L, ChronoUnit.MINUTES);
      int killAt = 4 + random.nextInt(PERIODS - 8);
      ChildJvm second = null;
      for (int period = 0; period < PERIODS; period++) {
        for (int s = 0; s < SERIES; s++) {
          p.datapoint(s, start.plus(period, ChronoUnit.MINUTES), value(s, period));
        }
        p.flush();
        Thread.sleep(150);
        if (period == killAt) {
          first.killNine();
          second = ChildJvm.start(ProcessorChild.class, log, args);
        }
      }
      Map<String, Long> expected = expected(start);
      Instant last = start.plus(PERIODS - 1L, ChronoUnit.MINUTES);
      try (ChildJvm restarted = second) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
            .until(() -> observed(p, last).keySet().containsAll(expected.keySet()));
        // Give a duplicate or a late storm time to show up before counting.
        Thread.sleep(3000);
      }
      Map<String, Long> observed = observed(p, last);
      long duplicates = observed.values().stream().filter(c -> c > 1).count();
      long missing = expected.keySet().stream().filter(k -> !observed.containsKey(k)).count();
      long extra = observed.keySet().stream().filter(k -> !expected.containsKey(k)).count();
      boolean ok = duplicates == 0 && missing == 0 && extra == 0;
      FaultReport.record("kill -9 processor", "SIGKILL after period " + killAt + " of " + PERIODS + " (seed " + seed + "), restart",
          expected.size() + " transitions, each once", observed.values().stream().mapToLong(Long::longValue).sum()
              + " transitions: " + missing + " missing, " + duplicates + " duplicated, " + extra + " unexpected", ok);
      assertThat(observed.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      assertThat(observed.values()).containsOnly(1L);
    }
  }

  static double value(int series, int period) {
    return ((series + period) / 3) % 2 == 0 ? 20.0 : 95.0;
  }

  /** Transitions of the 1-of-1 rule implied by the input: the first period leaves INSUFFICIENT_DATA, then every flip. */
  private static Map<String, Long> expected(Instant start) {
    Map<String, Long> out = new HashMap<>();
    for (int s = 0; s < SERIES; s++) {
      AlarmState state = AlarmState.INSUFFICIENT_DATA;
      for (int period = 0; period < PERIODS; period++) {
        AlarmState next = value(s, period) > 50 ? AlarmState.ALARM : AlarmState.OK;
        if (next != state) {
          out.put(key(SeriesKeys.canonical(SyntheticSeries.key(s)), state, next, start.plus(period, ChronoUnit.MINUTES)), 1L);
          state = next;
        }
      }
    }
    return out;
  }

  private static Map<String, Long> observed(Pipeline p, Instant last) {
    List<AlertTransition> alerts = p.alerts().stream().filter(a -> !a.getReminder())
        .filter(a -> !a.getWindowStart().isAfter(last)).toList();
    return alerts.stream().collect(Collectors.groupingBy(
        a -> key(a.getSeriesKey(), a.getFromState(), a.getToState(), a.getWindowStart()), Collectors.counting()));
  }

  private static String key(String series, AlarmState from, AlarmState to, Instant windowStart) {
    return series + " " + from + "->" + to + " @" + windowStart;
  }

}

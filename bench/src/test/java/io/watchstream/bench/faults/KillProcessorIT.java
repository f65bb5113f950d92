package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.bench.workload.BenchRules;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the processor (a child JVM) at a random point while a scripted workload runs, then a restart on
 * the same state directory: the alerts topic must hold every expected transition exactly once — no gap, no
 * duplicate, and no storm of extra transitions after the restart.
 */
class KillProcessorIT {

  @Test
  void aKilledProcessorResumesWithoutGapDuplicateOrStorm() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    FlipWorkload workload = new FlipWorkload(12, 24);
    Path state = Files.createTempDirectory("kill9-state");
    Path log = Files.createTempFile("kill9-processor", ".log");
    try (Pipeline p = new Pipeline(RealParts.kafka(), RealParts.registry().ccompatUrl(), "kill9", 2)) {
      BenchRules.publish(p.bootstrap(), p.topics.rules(), BenchRules.ONE_PER_SERIES);
      String[] args = {p.bootstrap(), p.registryUrl, p.prefix, p.prefix + "app", state.toString()};
      ChildJvm first = ChildJvm.start(ProcessorChild.class, log, args);
      first.awaitLine("RUNNING", Duration.ofMinutes(2));
      int killAt = 4 + random.nextInt(workload.periods - 8);
      ChildJvm second = null;
      for (int period = 0; period < workload.periods; period++) {
        workload.send(p, period);
        Thread.sleep(150);
        if (period == killAt) {
          first.killNine();
          second = ChildJvm.start(ProcessorChild.class, log, args);
        }
      }
      FlipWorkload.Outcome outcome;
      try (ChildJvm restarted = second) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> workload.complete(p));
        // Give a duplicate or a late storm time to show up before counting.
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        outcome = workload.check(p);
      }
      FaultReport.record("kill -9 processor", "SIGKILL after period " + killAt + " of " + workload.periods
          + " (seed " + seed + "), restart on the same state dir", outcome.expected() + " transitions, each once",
          outcome.describe(), outcome.clean());
      assertThat(outcome.missing()).isZero();
      assertThat(outcome.duplicated()).isZero();
      assertThat(outcome.unexpected()).isZero();
    }
  }
}

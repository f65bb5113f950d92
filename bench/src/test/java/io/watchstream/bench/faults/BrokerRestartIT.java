package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.phases.LiveProcessor;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.TopicNames;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A broker restart (same ports and data) in the middle of a scripted workload, with the processor and the
 * producer running throughout: every expected transition lands on {@code alerts} exactly once and nothing is
 * dead-lettered. Uses its own broker so the shared one is not disturbed.
 */
class BrokerRestartIT {

  @Test
  void aBrokerRestartLosesAndDuplicatesNothing() throws Exception {
    long seed = System.nanoTime();
    FlipWorkload workload = new FlipWorkload(20, 30);
    int restartAt = 3 + new Random(seed).nextInt(workload.periods - 6);
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
         Pipeline p = new Pipeline(kafka, RealParts.registry().ccompatUrl(), "brokerrestart", 2);
         ProcessorApp processor = LiveProcessor.create(p.bootstrap(), p.registryUrl, p.topics, p.prefix + "app",
             Files.createTempDirectory("brokerrestart-state"))) {
      BenchRules.publish(p.bootstrap(), p.topics.rules(), BenchRules.ONE_PER_SERIES);
      processor.start();
      for (int period = 0; period < workload.periods; period++) {
        workload.send(p, period);
        Thread.sleep(150);
        if (period == restartAt) {
          kafka.restart();
        }
      }
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> workload.complete(p));
      await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
      FlipWorkload.Outcome outcome = workload.check(p);
      long dlq = TopicCounts.count(p.bootstrap(), TopicNames.deadLetter(p.topics.names().metrics()));
      FaultReport.record("broker restart", "EmbeddedKafka.restart() after period " + restartAt + " of " + workload.periods,
          outcome.expected() + " transitions, each once; empty DLQ", outcome.describe() + "; " + dlq + " dead letters",
          outcome.clean() && dlq == 0);
      assertThat(outcome.missing()).isZero();
      assertThat(outcome.duplicated()).isZero();
      assertThat(outcome.unexpected()).isZero();
      assertThat(dlq).isZero();
    }
  }
}

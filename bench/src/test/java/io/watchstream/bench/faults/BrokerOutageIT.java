package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A 30 s broker outage (its own broker, stopped and started again on the same ports and data) in the middle of
 * a scripted workload, against the processor as users run it ({@link io.watchstream.processor.app.ProcessorApp}).
 * Fault-model case (b): no stream thread replaced, the client never closes, {@code /health} says DEGRADED with the
 * broker as the reason while it is away and UP after, every transition arrives exactly once, nothing is
 * dead-lettered.
 */
class BrokerOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @Test
  void aThirtySecondBrokerOutageReplacesNoThreadAndLosesAndDuplicatesNothing() throws Exception {
    FlipWorkload workload = new FlipWorkload(20, 24);
    int stopAfter = 10;
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
         Pipeline p = new Pipeline(kafka, RealParts.registry().ccompatUrl(), "brokeroutage", 2)) {
      BenchRules.publish(p.bootstrap(), p.topics.rules(), BenchRules.ONE_PER_SERIES);
      Topics.registerForWriting(List.of(p.topics.metrics()));
      try (UserProcessor processor = UserProcessor.start(p.bootstrap(), p.registryUrl, p.prefix,
          Files.createTempDirectory("brokeroutage-state"))) {
        await().atMost(Duration.ofMinutes(2)).until(processor::ready);
        for (int period = 0; period <= stopAfter; period++) {
          workload.send(p, period);
        }
        // no wait for the alerts: the outage should catch the processor half-way through this input
        kafka.stop();
        long down = System.nanoTime();
        await().atMost(OUTAGE).pollInterval(Duration.ofMillis(500)).until(() -> processor.hasReason("broker unreachable"));
        String healthWhileAway = processor.status();
        // the outage lasts OUTAGE (a fault length, not a wait for a result)
        await().pollDelay(Duration.ofNanos(Math.max(0, OUTAGE.toNanos() - (System.nanoTime() - down))))
            .atMost(OUTAGE.plusSeconds(5)).until(() -> true);
        long replacedDuringOutage = processor.app.threadReplacements();
        kafka.startAgain();
        long outageSeconds = (System.nanoTime() - down) / 1_000_000_000L;
        for (int period = stopAfter + 1; period < workload.periods; period++) {
          workload.send(p, period);
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> workload.complete(p));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> "UP".equals(processor.status()));
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // a quiet window: proves no late duplicate
        FlipWorkload.Outcome outcome = workload.check(p);
        long dlq = TopicCounts.count(p.bootstrap(), TopicNames.deadLetter(p.topics.names().metrics()));
        long replaced = processor.app.threadReplacements();
        FaultReport.record("broker outage", "EmbeddedKafka stopped " + outageSeconds + " s after period " + stopAfter + " of "
                + workload.periods + "; ProcessorApp as users run it",
            outcome.expected() + " transitions, each once; empty DLQ; no thread replaced; DEGRADED while away",
            outcome.describe() + "; " + dlq + " dead letters; " + replaced + " replacements; health while away "
                + healthWhileAway + "; states " + processor.states,
            outcome.clean() && dlq == 0 && replaced == 0);
        assertThat(healthWhileAway).isEqualTo("DEGRADED");
        assertThat(replacedDuringOutage).isZero();
        assertThat(outcome.missing()).isZero();
        assertThat(outcome.duplicated()).isZero();
        assertThat(outcome.unexpected()).isZero();
        assertThat(dlq).isZero();
        assertThat(replaced).as("stream threads replaced").isZero();
        assertThat(processor.states).doesNotContain(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN);
      }
    }
  }
}

package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.sandbox.ApicurioRegistry;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Schema-registry outages against the processor as users run it ({@link io.watchstream.processor.app.ProcessorApp},
 * real broker, real Apicurio with persistent storage stopped and started again). Fault-model case (b): nothing is
 * dead-lettered, nothing skipped, no stream thread replaced, every transition arrives exactly once, and
 * {@code /health} says DEGRADED, with the registry as the reason, exactly while the processor waits on it.
 */
class RegistryRestartIT {

  private static final Duration SHORT_OUTAGE = Duration.ofSeconds(5);
  private static final Duration LONG_OUTAGE = Duration.ofSeconds(30);

  @Test
  void registryOutagesWhileTheFirstAlertsAreWrittenAndMidStreamLoseDuplicateAndDeadLetterNothing() throws Exception {
    FlipWorkload workload = new FlipWorkload(10, 24);
    int firstOutageThrough = 6;
    int evolvedPeriod = 15;
    try (ApicurioRegistry registry = ApicurioRegistry.startPersistent();
         Pipeline p = new Pipeline(RealParts.kafka(), registry.ccompatUrl(), "registryoutage", 2)) {
      BenchRules.publish(p.bootstrap(), p.topics.rules(), BenchRules.ONE_PER_SERIES);
      // the producer side (ingest) registers what it writes at start-up too, before the processor: Apicurio
      // 2.4.2 on H2 was seen answering 409 "version already exists" to registrations racing each other
      Topics.registerForWriting(List.of(p.topics.metrics()));
      try (UserProcessor processor = UserProcessor.start(p.bootstrap(), registry.ccompatUrl(), p.prefix,
          Files.createTempDirectory("registryoutage-state"))) {
      await().atMost(Duration.ofMinutes(2)).until(processor::ready);
      // the test reads alerts during the outages: like any consumer it fetches their schemas at start-up
      Topics.prefetchForReading(List.of(p.topics.alerts()));
      // registered after the processor started, so that it has never seen this id when it arrives
      EvolvedDatapoints evolved = new EvolvedDatapoints(p.topics.registry(), p.topics.metrics().name());

      // 1. the registry goes away before the first alert of every subject is written
      registry.stop();
      long firstDown = System.nanoTime();
      for (int period = 0; period <= firstOutageThrough; period++) {
        workload.send(p, period);
      }
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
          .until(() -> workload.completeThrough(p, firstOutageThrough - 1));
      String healthWithoutRegistry = processor.status(); // nothing needed the registry: no reason to degrade
      // the outage lasts at least SHORT_OUTAGE however fast the alerts came (a fault length, not a wait for a result)
      await().pollDelay(remaining(firstDown, SHORT_OUTAGE)).atMost(SHORT_OUTAGE.plusSeconds(5)).until(() -> true);
      registry.startAgain();
      long firstOutageSeconds = (System.nanoTime() - firstDown) / 1_000_000_000L;

      for (int period = firstOutageThrough + 1; period < evolvedPeriod; period++) {
        workload.send(p, period);
      }
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
          .until(() -> workload.completeThrough(p, evolvedPeriod - 2));

      // 2. mid-stream, 30 s: one period arrives written with a schema id the processor has never seen
      registry.stop();
      long secondDown = System.nanoTime();
      for (int s = 0; s < workload.series; s++) {
        long ts = workload.start.plus(evolvedPeriod, ChronoUnit.MINUTES).toEpochMilli();
        var m = p.topics.metrics();
        p.raw(m.name(), ts, m.keySerde().serializer().serialize(m.name(), SyntheticSeries.key(s)),
            evolved.evolve(m.valueSerde().serializer().serialize(m.name(),
                SyntheticSeries.datapoint(s, ts, FlipWorkload.value(s, evolvedPeriod)))));
      }
      for (int period = evolvedPeriod + 1; period < workload.periods; period++) {
        workload.send(p, period);
      }
      await().atMost(LONG_OUTAGE).pollInterval(Duration.ofMillis(500)).until(() -> processor.hasReason("schema registry"));
      String healthWhileWaiting = processor.status();
      await().pollDelay(remaining(secondDown, LONG_OUTAGE)).atMost(LONG_OUTAGE.plusSeconds(5)).until(() -> true);
      long deadLettersDuringOutage = TopicCounts.count(p.bootstrap(), TopicNames.deadLetter(p.topics.names().metrics()));
      registry.startAgain();
      long secondOutageSeconds = (System.nanoTime() - secondDown) / 1_000_000_000L;

      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> workload.complete(p));
      await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> "UP".equals(processor.status()));
      await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // a quiet window: proves no late duplicate
      FlipWorkload.Outcome outcome = workload.check(p);
      long dlq = TopicCounts.count(p.bootstrap(), TopicNames.deadLetter(p.topics.names().metrics()));
      long replaced = processor.app.threadReplacements();
      String metrics = processor.metrics();
      FaultReport.record("registry outages", "Apicurio stopped " + firstOutageSeconds + " s while the first alerts were written, then "
              + secondOutageSeconds + " s mid-stream with an unseen schema id arriving; ProcessorApp as users run it",
          outcome.expected() + " transitions, each once; empty DLQ; no thread replaced; DEGRADED only while waiting",
          outcome.describe() + "; " + dlq + " dead letters; " + replaced + " replacements; health without registry "
              + healthWithoutRegistry + ", while waiting " + healthWhileWaiting + "; states " + processor.states,
          outcome.clean() && dlq == 0 && replaced == 0);
      assertThat(healthWithoutRegistry).as("health while nothing needs the registry").isEqualTo("UP");
      assertThat(healthWhileWaiting).as("health while waiting on the registry").isEqualTo("DEGRADED");
      assertThat(deadLettersDuringOutage).isZero();
      assertThat(outcome.missing()).isZero();
      assertThat(outcome.duplicated()).isZero();
      assertThat(outcome.unexpected()).isZero();
      assertThat(dlq).isZero();
      assertThat(replaced).as("stream threads replaced").isZero();
      assertThat(processor.states).doesNotContain(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
      assertThat(metrics).contains("watchstream_processor_thread_replacements_total 0.0")
          .contains("watchstream_processor_registry_wait_seconds 0.0").contains("kafka_stream");
      }
    }
  }

  @Test
  void aProcessorStartedWhileTheRegistryIsAwayWaitsDegradedAndStartsWhenItIsBack() throws Exception {
    try (ApicurioRegistry registry = ApicurioRegistry.startPersistent();
         Pipeline p = new Pipeline(RealParts.kafka(), registry.ccompatUrl(), "registrystartup", 2)) {
      registry.stop();
      try (UserProcessor processor = UserProcessor.start(p.bootstrap(), registry.ccompatUrl(), p.prefix,
          Files.createTempDirectory("registrystartup-state"))) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> processor.hasReason("schema registry"));
        assertThat(processor.status()).isEqualTo("DEGRADED");
        assertThat(processor.ready()).isFalse();
        assertThat(processor.hasReason("starting")).isTrue();
        assertThat(processor.app.streams().state()).as("Kafka Streams waits for the registration").isEqualTo(KafkaStreams.State.CREATED);

        registry.startAgain();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(processor::ready);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> "UP".equals(processor.status()));
        assertThat(processor.started).isCompleted();
      }
    }
  }

  private static Duration remaining(long sinceNanos, Duration length) {
    return Duration.ofNanos(Math.max(0, length.toNanos() - (System.nanoTime() - sinceNanos)));
  }
}

package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.phases.LiveProcessor;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.schemas.TopicNames;
import io.watchstream.testkit.ApicurioRegistry;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A registry restart (persistent storage) half-way through a workload. After it, both sides start cold — a new
 * producer whose serde must register (and get the same ids back) and a restarted processor whose serdes must
 * fetch the schemas by id — so the restarted registry is really used. Every expected transition must land once
 * and nothing may be dead-lettered.
 */
class RegistryRestartIT {

  @Test
  void aRegistryRestartLosesAndDuplicatesNothing() throws Exception {
    FlipWorkload workload = new FlipWorkload(10, 24);
    int restartAt = workload.periods / 2;
    Path state = Files.createTempDirectory("registryrestart-state");
    try (ApicurioRegistry registry = ApicurioRegistry.startPersistent();
         Pipeline first = new Pipeline(RealParts.kafka(), registry.ccompatUrl(), "registryrestart", 2)) {
      BenchRules.publish(first.bootstrap(), first.topics.rules(), BenchRules.ONE_PER_SERIES);
      try (KafkaStreams processor = LiveProcessor.create(first.bootstrap(), first.registryUrl, first.topics,
          first.prefix + "app", state)) {
        processor.start();
        for (int period = 0; period <= restartAt; period++) {
          workload.send(first, period);
          Thread.sleep(150);
        }
        registry.restart();
      }
      try (Pipeline second = first.reconnected();
           KafkaStreams processor = LiveProcessor.create(second.bootstrap(), second.registryUrl, second.topics,
               second.prefix + "app", state)) {
        processor.start();
        for (int period = restartAt + 1; period < workload.periods; period++) {
          workload.send(second, period);
          Thread.sleep(150);
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> workload.complete(second));
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        FlipWorkload.Outcome outcome = workload.check(second);
        long dlq = TopicCounts.count(second.bootstrap(), TopicNames.deadLetter(second.topics.names().metrics()));
        FaultReport.record("registry restart", "Apicurio restart after period " + restartAt + " of " + workload.periods
            + ", then a cold producer and processor", outcome.expected() + " transitions, each once; empty DLQ",
            outcome.describe() + "; " + dlq + " dead letters", outcome.clean() && dlq == 0);
        assertThat(outcome.missing()).isZero();
        assertThat(outcome.duplicated()).isZero();
        assertThat(outcome.unexpected()).isZero();
        assertThat(dlq).isZero();
      }
    }
  }
}

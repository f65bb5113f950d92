package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.processor.app.ProcessorHealth.Inputs;
import io.watchstream.runtime.ops.HealthStatus;
import io.watchstream.schemas.RegistryOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ProcessorHealthTest {

  private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static Inputs running() {
    return new Inputs(State.RUNNING, true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), BOUND);
  }

  @Test
  void runningWithNothingHeldBackIsUpAndReady() {
    var report = ProcessorHealth.evaluate(running(), NOW);
    assertThat(report.status()).isEqualTo(HealthStatus.UP);
    assertThat(report.status().httpStatus()).isEqualTo(200);
    assertThat(report.ready()).isTrue();
    assertThat(report.reasons()).isEmpty();
  }

  @Test
  void waitingOnTheRegistryIsDegradedWithSinceWhenAndWhy() {
    var wait = new RegistryOutage.Wait(NOW.minusSeconds(12), "unreachable: java.net.ConnectException", 2);
    var in = new Inputs(State.RUNNING, true, Optional.of(wait), Optional.empty(), Optional.empty(), List.of(), BOUND);
    var report = ProcessorHealth.evaluate(in, NOW);
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.status().httpStatus()).isEqualTo(200);
    assertThat(report.reasons()).singleElement().asString()
        .contains("schema registry", "2026-12-07T01:59:48Z", "12 s", "ConnectException");
  }

  @Test
  void startingWhileTheRegistryIsAwayIsDegradedAndNotReady() {
    var wait = new RegistryOutage.Wait(NOW.minusSeconds(3), "HTTP 503", 1);
    var in = new Inputs(State.CREATED, false, Optional.of(wait), Optional.empty(), Optional.empty(), List.of(), BOUND);
    var report = ProcessorHealth.evaluate(in, NOW);
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.ready()).isFalse();
    assertThat(report.reasons()).anyMatch(r -> r.startsWith("starting")).anyMatch(r -> r.contains("schema registry"));
  }

  @Test
  void anUnreachableBrokerARecentReplacementAndAStuckThreadAreEachAReason() {
    var in = new Inputs(State.RUNNING, true, Optional.empty(),
        Optional.of(new BrokerReachability.Unreachable(NOW.minusSeconds(40), "no answer")),
        Optional.of(new ThreadReplacements.Replacement(NOW.minusSeconds(5), "java.lang.IllegalStateException: x", 2)),
        List.of(new InFlightRecords.Stuck("app-StreamThread-1", "threshold-rules", "metrics-0@42", Duration.ofSeconds(75))), BOUND);
    var report = ProcessorHealth.evaluate(in, NOW);
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.reasons()).hasSize(3);
    assertThat(report.reasons().get(0)).contains("broker unreachable", "40 s");
    assertThat(report.reasons().get(1)).contains("replaced", "2 in a row", "IllegalStateException");
    assertThat(report.reasons().get(2)).contains("app-StreamThread-1", "75 s", "threshold-rules", "metrics-0@42");
  }

  @Test
  void rebalancingIsDegradedButReady() {
    var in = new Inputs(State.REBALANCING, true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), BOUND);
    var report = ProcessorHealth.evaluate(in, NOW);
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.ready()).isTrue();
  }

  @Test
  void aClientThatStoppedIsDownWith503() {
    for (State s : List.of(State.ERROR, State.PENDING_ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING)) {
      var in = new Inputs(s, true, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), BOUND);
      var report = ProcessorHealth.evaluate(in, NOW);
      assertThat(report.status()).as(s.toString()).isEqualTo(HealthStatus.DOWN);
      assertThat(report.status().httpStatus()).isEqualTo(503);
      assertThat(report.ready()).isFalse();
    }
  }
}

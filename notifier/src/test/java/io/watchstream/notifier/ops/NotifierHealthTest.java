package io.watchstream.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.notifier.state.Json;
import io.watchstream.runtime.ops.HealthReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NotifierHealthTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-25T14:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static String json(HealthReport report) {
    return Json.write(report.body());
  }

  private final ManualClock clock = new ManualClock();
  private final NotifierHealth health = new NotifierHealth(clock, Duration.ofMinutes(15));

  @Test
  void downWithAReasonUntilStateIsRestoredAndPartitionsAreAssignedAndPolled() {
    assertThat(health.report().ready()).isFalse();
    assertThat(json(health.report())).contains("\"status\":\"DOWN\"").contains("restoring the notifier state topic");
    health.stateRestored();
    assertThat(json(health.report())).contains("waiting for a partition assignment");
    health.assigned(2);
    assertThat(json(health.report())).contains("not polling yet");
    health.polled(1);
    HealthReport up = health.report();
    assertThat(up.ready()).isTrue();
    assertThat(json(up)).isEqualTo("{\"status\":\"UP\",\"reasons\":[],\"ready\":true,\"stateRestored\":true,"
        + "\"assignedPartitions\":2,\"lastPollSecondsAgo\":0.0,\"openIncidents\":1}");
  }

  @Test
  void aSpareInstanceWithNoPartitionsIsHealthy() {
    health.stateRestored();
    health.assigned(0);
    health.polled(0);
    assertThat(health.report().ready()).isTrue();
  }

  @Test
  void aRebalanceInProgressOrAStalledLoopOrAStoppedLoopIsDown() {
    health.stateRestored();
    health.assigned(1);
    health.polled(0);
    health.revoked();
    assertThat(json(health.report())).contains("waiting for a partition assignment");
    health.assigned(1);
    clock.now = clock.now.plus(Duration.ofMinutes(14));
    assertThat(health.report().ready()).as("slow Slack back-off is not a fault").isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(health.report().ready()).isFalse();
    assertThat(json(health.report())).contains("no poll for 960 s (limit 900 s)");
    health.polled(0);
    assertThat(health.report().ready()).isTrue();
    health.stopped();
    assertThat(json(health.report())).contains("the delivery loop has stopped");
  }

  @Test
  void degradedWithTheReasonWhileDeliveryWaitsForSlackAndUpOnceItAnswers() {
    health.stateRestored();
    health.assigned(1);
    health.polled(0);
    health.waiting("slack", "Slack post to #ops failed 1 time(s) in a row: HTTP 503 chat.postMessage");
    clock.now = clock.now.plus(Duration.ofMinutes(20));
    health.waiting("slack", "Slack post to #ops failed 9 time(s) in a row: HTTP 503 chat.postMessage");
    HealthReport degraded = health.report();
    assertThat(degraded.ready()).as("a restart would not bring Slack back").isTrue();
    assertThat(json(degraded)).contains("\"status\":\"DEGRADED\"").contains("\"reason\":\"waiting for slack\"")
        .contains("failed 9 time(s) in a row: HTTP 503").contains("\"sinceSecondsAgo\":1200.0")
        .doesNotContain("no poll for");
    health.recovered("slack");
    health.polled(0);
    assertThat(json(health.report())).contains("\"status\":\"UP\"").doesNotContain("waiting");
  }
}

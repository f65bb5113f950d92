package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.engine.AlertBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Measures alert-record-to-Slack-request latency on the real broker (group wait off, pacing 50 ms). */
class DeliveryLatencyIT {

  private NotifierHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anAlarmReachesSlackWellUnderASecondAfterItIsWritten() throws Exception {
    h = new NotifierHarness("latency");
    h.start(h.baseYaml().replace("groupWait: 300ms", "groupWait: 0s"), Map.of(), NotifierHooks.NONE);
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int expected = i + 1;
      Instant sent = Instant.now();
      h.send(AlertBuilder.alarm().rule("latency-" + i).at(Instant.parse("2026-11-25T14:00:00Z")).build());
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
          .until(() -> h.requests("chat.postMessage").size() >= expected);
      millis.add(Duration.between(sent, h.requests("chat.postMessage").get(i).receivedAt()).toMillis());
    }
    List<Long> warm = new ArrayList<>(millis.subList(5, millis.size())); // first records pay for connection set-up
    warm.sort(null);
    long p50 = warm.get(warm.size() / 2);
    long p95 = warm.get((int) Math.ceil(warm.size() * 0.95) - 1);
    System.out.printf("[notifier] alert->Slack latency over %d warm alarms: p50 %d ms, p95 %d ms, max %d ms (first: %d ms)%n",
        warm.size(), p50, p95, warm.get(warm.size() - 1), millis.get(0));
    assertThat(p50).isLessThan(1000);
  }
}

package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.sandbox.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away while a notification is being delivered, for longer than one state write may wait (30 s):
 * the state write, and with it the offset commit, waits for the broker with /health DEGRADED ("kafka") instead of
 * ending the delivery loop; once the broker is back the loop goes on, nothing is posted twice and the next alert is
 * delivered.
 */
class NotifierBrokerOutageIT {

  private static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");

  @Test
  void aBrokerOutageDuringDeliveryIsWaitedOutAndNothingIsPostedTwice() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
         NotifierHarness h = new NotifierHarness("brokerout", kafka)) {
      NotifierService service = h.start();
      h.slack.throttleNext(1, 3); // the first post waits 3 s for Retry-After: the broker goes away meanwhile
      h.send(AlertBuilder.alarm().rule("before-outage").at(T0).build());
      await().atMost(Duration.ofSeconds(30)).until(() -> !h.requests("chat.postMessage").isEmpty());
      kafka.stop();

      List<String> healthSeen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(500)).until(() -> {
        healthSeen.add(health(service));
        return healthSeen.get(healthSeen.size() - 1).contains("\"kafka\":{\"reason\":\"notifier state write not acknowledged");
      });
      assertThat(healthSeen).noneMatch(b -> b.contains("the delivery loop has stopped"));
      assertThat(healthSeen.get(healthSeen.size() - 1)).contains("\"status\":\"DEGRADED\"");
      kafka.startAgain();

      h.send(AlertBuilder.alarm().rule("after-outage").at(T0).build());
      await().atMost(Duration.ofSeconds(60)).until(() -> okPosts(h, "after-outage") == 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> health(service).contains("\"status\":\"UP\""));
      assertThat(okPosts(h, "before-outage")).as("posted once, not again after the outage").isEqualTo(1);
      assertThat(okPosts(h, "after-outage")).isEqualTo(1);
    }
  }

  private static long okPosts(NotifierHarness h, String rule) {
    return h.requests("chat.postMessage").stream().filter(r -> r.status() == 200)
        .filter(r -> r.param("text").orElse("").contains(rule)).count();
  }

  private static String health(NotifierService service) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + service.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

}

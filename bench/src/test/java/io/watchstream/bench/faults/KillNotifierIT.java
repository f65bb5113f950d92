package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.workload.Alerts;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.sandbox.SlackStandIn;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the notifier (a child JVM) after a random number of Slack posts, then a restart with the same consumer
 * group: the restart must not lose the alerts not yet delivered nor post the delivered ones again. The one post
 * in flight at the instant of the kill (Slack accepted it, its idempotency key not yet written) may repeat:
 * with incoming webhooks there is no way to ask Slack afterwards whether it arrived.
 */
class KillNotifierIT {

  private static final int ALERTS = 40;

  @Test
  void aKilledNotifierNeitherLosesNorRepostsAlerts() throws Exception {
    long seed = System.nanoTime();
    int killAfter = 5 + new Random(seed).nextInt(ALERTS - 15);
    Path log = Files.createTempFile("kill9-notifier", ".log");
    try (SlackStandIn slack = SlackStandIn.start();
         Pipeline p = new Pipeline(RealParts.kafka(), RealParts.registry().ccompatUrl(), "killnotifier", 2)) {
      Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      var alerts = p.topics.alerts();
      try (KafkaProducer<AlertKey, AlertTransition> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrap()),
          alerts.keySerde().serializer(), alerts.valueSerde().serializer())) {
        for (int i = 0; i < ALERTS; i++) {
          producer.send(new ProducerRecord<>(alerts.name(), Alerts.key(ruleId(i), i), Alerts.alarm(ruleId(i), i, t, 95.0)));
        }
      }
      String[] args = {p.bootstrap(), p.registryUrl, p.prefix, p.prefix + "notifier", slack.webhookUrl("kill9")};
      ChildJvm first = ChildJvm.start(NotifierChild.class, log, args);
      slack.awaitRequests("/webhook/kill9", killAfter, Duration.ofMinutes(2));
      first.killNine();
      int deliveredBeforeKill = slack.requests("/webhook/kill9").size();
      try (ChildJvm second = ChildJvm.start(NotifierChild.class, log, args)) {
        second.awaitLine("STARTED", Duration.ofMinutes(2));
        waitForAll(slack);
      }
      List<RecordedRequest> posts = slack.requests("/webhook/kill9");
      long[] perAlert = new long[ALERTS];
      for (int i = 0; i < ALERTS; i++) {
        String rule = ruleId(i);
        perAlert[i] = posts.stream().filter(r -> r.body().contains(rule)).count();
      }
      long missing = Arrays.stream(perAlert).filter(c -> c == 0).count();
      long duplicated = Arrays.stream(perAlert).filter(c -> c > 1).count();
      // The notifier documents one unguarded window: Slack accepted a post, the idempotency key is not yet in the
      // state topic. This test kills right after a post arrives, i.e. inside that window, so at most the post(s)
      // in flight at the kill may repeat — never an alert delivered earlier, and none may be lost.
      List<String> inFlight = posts.subList(Math.max(0, deliveredBeforeKill - 2), deliveredBeforeKill).stream()
          .map(RecordedRequest::body).toList();
      boolean onlyInFlightRepeated = true;
      for (int i = 0; i < ALERTS; i++) {
        String rule = ruleId(i);
        if (perAlert[i] > 1 && inFlight.stream().noneMatch(b -> b.contains(rule))) {
          onlyInFlightRepeated = false;
        }
      }
      FaultReport.record("kill -9 notifier", "SIGKILL right after post " + deliveredBeforeKill + " of " + ALERTS + " (seed "
          + seed + "), restart", "none lost; none repeated except the post in flight at the kill (documented window)",
          posts.size() + " posts: " + missing + " alerts missing, " + duplicated + " posted twice"
              + (duplicated > 0 ? " (in flight at the kill)" : ""), missing == 0 && duplicated <= 1 && onlyInFlightRepeated);
      assertThat(missing).isZero();
      assertThat(duplicated).isLessThanOrEqualTo(1);
      assertThat(onlyInFlightRepeated).isTrue();
    }
  }

  /**
   * Until every alert has a post (at most two minutes; the assertions then say what is missing), then a quiet
   * window: a post repeated after the restart would arrive within it. Absence cannot be awaited on a condition,
   * so the window is a plain wait.
   */
  private static void waitForAll(SlackStandIn slack) throws InterruptedException {
    try {
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
        List<RecordedRequest> posts = slack.requests("/webhook/kill9");
        for (int i = 0; i < ALERTS; i++) {
          String rule = ruleId(i);
          if (posts.stream().noneMatch(r -> r.body().contains(rule))) {
            return false;
          }
        }
        return true;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return; // the fault report and the assertions name the missing alerts
    }
    Thread.sleep(3000);
  }

  private static String ruleId(int i) {
    return String.format(Locale.ROOT, "kill-notifier-rule-%02d", i);
  }
}

package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.harness.Notifiers;
import io.watchstream.bench.workload.Alerts;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.sandbox.SlackStandIn;
import io.watchstream.testkit.RealParts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Slack answering 500 (twice) and then 429 with Retry-After 1 s (three times) while alerts are being
 * delivered: every alert must still reach Slack exactly once (one 2xx-answered post per alert, none twice).
 */
class SlackFaultsIT {

  private static final int ALERTS = 12;

  @Test
  void everyAlertIsDeliveredExactlyOnceThrough500sAnd429s() throws Exception {
    try (SlackStandIn slack = SlackStandIn.start();
         Pipeline p = new Pipeline(RealParts.kafka(), RealParts.registry().ccompatUrl(), "slackfault", 1)) {
      // Five refusals in a row: within the notifier's default budget of six attempts per message.
      slack.failNext(2, 500);
      slack.throttleNext(3, 1);
      Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      var alerts = p.topics.alerts();
      try (KafkaProducer<AlertKey, AlertTransition> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrap()),
          alerts.keySerde().serializer(), alerts.valueSerde().serializer())) {
        for (int i = 0; i < ALERTS; i++) {
          String rule = ruleId(i);
          producer.send(new ProducerRecord<>(alerts.name(), Alerts.key(rule, i), Alerts.alarm(rule, i, t, 95.0)));
        }
      }
      try (Notifiers.Running notifier = Notifiers.start(slack.webhookUrl("faults"),
          Notifiers.config(p.bootstrap(), p.registryUrl, p.topics, p.prefix + "notifier", Duration.ZERO, Duration.ZERO))) {
        slack.awaitRequests("/webhook/faults", ALERTS + 5, Duration.ofMinutes(2));
        // Anything still in flight (a duplicate) would arrive within the retry backoff.
        Thread.sleep(3000);
      }
      List<RecordedRequest> requests = slack.requests("/webhook/faults");
      List<RecordedRequest> delivered = requests.stream().filter(RecordedRequest::answeredOk).toList();
      long failed = requests.size() - delivered.size();
      long[] perAlert = new long[ALERTS];
      for (int i = 0; i < ALERTS; i++) {
        String rule = ruleId(i);
        perAlert[i] = delivered.stream().filter(r -> r.body().contains(rule)).count();
      }
      boolean ok = failed == 5 && delivered.size() == ALERTS && java.util.Arrays.stream(perAlert).allMatch(c -> c == 1);
      FaultReport.record("Slack 500 ×2 then 429 ×3", "5 refused answers in a row during delivery of " + ALERTS + " alerts",
          "each alert posted exactly once", delivered.size() + " delivered, " + failed + " refused, per-alert counts "
              + java.util.Arrays.toString(perAlert), ok);
      assertThat(failed).isEqualTo(5);
      assertThat(delivered).hasSize(ALERTS);
      assertThat(perAlert).containsOnly(1L);
    }
  }

  private static String ruleId(int i) {
    return String.format(Locale.ROOT, "slack-fault-rule-%02d", i);
  }
}

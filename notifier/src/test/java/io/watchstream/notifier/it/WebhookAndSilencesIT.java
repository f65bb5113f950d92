package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.engine.Silence;
import io.watchstream.notifier.state.SilenceStore;
import io.watchstream.sandbox.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookAndSilencesIT {

  private static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");
  private NotifierHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void webhookModePostsANewMessageForEveryChangeWithTheChangeOnTop() throws Exception {
    h = new NotifierHarness("webhook");
    String yaml = h.baseYaml().replace("  mode: bot\n", "  mode: webhook\n  webhooks:\n    \"" + h.channel
        + "\": {env: TEST_WEBHOOK_URL}\n");
    h.start(yaml, Map.of("TEST_WEBHOOK_URL", h.slack.webhookUrl(h.prefix)), NotifierHooks.NONE);

    String path = "/webhook/" + h.prefix;
    h.send(AlertBuilder.alarm().at(T0).build());
    // (an OK arriving within the group wait would cancel the incident before any message)
    await().atMost(Duration.ofSeconds(30)).until(() -> h.slack.requests(path).size() >= 1);
    h.send(AlertBuilder.ok().at(T0.plusSeconds(300)).build());

    await().atMost(Duration.ofSeconds(30)).until(() -> h.slack.requests(path).size() >= 2);
    List<RecordedRequest> hooks = h.slack.requests(path);
    JsonNode first = hooks.get(0).json().orElseThrow();
    JsonNode second = hooks.get(1).json().orElseThrow();
    assertThat(first.get("text").asText()).isEqualTo("ALARM: cpu-high (critical), 1 of 1 series in ALARM");
    assertThat(first.get("blocks").get(0).get("text").get("text").asText()).isEqualTo(":red_circle: ALARM: cpu-high");
    assertThat(second.get("blocks").get(0).get("text").get("text").asText()).startsWith("`i-0abc` group `web-asg`: ALARM → *OK*");
    assertThat(second.get("blocks").get(1).get("text").get("text").asText()).isEqualTo(":white_check_mark: RESOLVED: cpu-high");
    assertThat(h.slack.requests("chat.postMessage").stream()
        .filter(r -> r.param("channel").map(h.channel::equals).orElse(false))).isEmpty();
  }

  @Test
  void aSilenceFromTheTopicMutesMatchingAlarmsUntilItIsRemoved() throws Exception {
    h = new NotifierHarness("silence");
    try (SilenceStore store = new SilenceStore(h.kafka.bootstrapServers(), h.topics.names().silences(), Map.of())) {
      store.put(new Silence("deploy-1", Map.of("rule", "cpu-*", "AutoScalingGroupName", "web-asg"), null,
          Instant.now().plus(Duration.ofHours(1)), null, "it", "deploying web"));
      h.start();

      h.send(AlertBuilder.alarm().instance("i-1").at(T0).build());
      h.send(AlertBuilder.alarm().instance("i-9").group("other-asg").at(T0).build()); // not matched: posted
      await().atMost(Duration.ofSeconds(30)).until(() -> h.requests("chat.postMessage").size() == 1);
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
          .until(() -> h.requests("chat.postMessage").size() == 1);
      assertThat(h.requests("chat.postMessage").get(0).param("blocks").orElseThrow()).contains("other-asg")
          .doesNotContain("`i-1`");

      store.remove("deploy-1");
      Thread.sleep(500); // the notifier mirrors the topic on its next poll
      h.send(AlertBuilder.alarm().instance("i-2").at(T0.plusSeconds(60)).build());
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> h.requests("chat.postMessage").size() >= 2);
    // i-2 joins the open incident of the rule (grouped by rule): the message is edited and a reply is added
    await().atMost(Duration.ofSeconds(30)).until(() -> !h.requests("chat.update").isEmpty());
    assertThat(h.requests("chat.update").get(0).param("blocks").orElseThrow()).contains("`i-2`");
  }
}

package io.watchstream.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import io.watchstream.avro.AlarmState;
import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.engine.EngineSettings;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.notifier.engine.IncidentEngine;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.notifier.engine.SilenceBook;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentMessageRendererTest {

  private static final Gson GSON = GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create();
  private final IncidentMessageRenderer renderer = new IncidentMessageRenderer(new ConsoleLinks("eu-west-1"));
  private final Instant t0 = Instant.parse("2026-11-25T14:00:00Z");

  private GroupState groupOf(Alert... alerts) {
    IncidentEngine<Object> engine = new IncidentEngine<>(new EngineSettings(true, Duration.ofSeconds(1), Duration.ofHours(1), 5,
        Duration.ofMinutes(10), Duration.ofMinutes(10)), new SilenceBook());
    for (Alert a : alerts) {
      engine.offer("#c", a, a.alertId(), t0);
    }
    return engine.tick(t0.plusSeconds(1)).notifications().get(0).group();
  }

  @Test
  void anAlarmRendersTheExactBlockKitLayout() {
    String json = GSON.toJson(renderer.blocks(groupOf(AlertBuilder.alarm().build())));
    assertThat(json).isEqualTo("["
        + "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\":red_circle: ALARM: cpu-high\",\"emoji\":true}},"
        + "{\"type\":\"section\",\"fields\":["
        + "{\"type\":\"mrkdwn\",\"text\":\"*Severity*\\ncritical\",\"verbatim\":true},"
        + "{\"type\":\"mrkdwn\",\"text\":\"*Rule*\\n`cpu-high` v3\",\"verbatim\":true},"
        + "{\"type\":\"mrkdwn\",\"text\":\"*Series in ALARM*\\n1 of 1\",\"verbatim\":true},"
        + "{\"type\":\"mrkdwn\",\"text\":\"*Since*\\n<!date^1795615200^{date_short_pretty} {time}|2026-11-25 14:00 UTC>\",\"verbatim\":true}]},"
        + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*ALARM* `i-0abc` group `web-asg` — *97.1* (threshold &gt; 80)"
        + " · since <!date^1795615200^{date_short_pretty} {time}|2026-11-25 14:00 UTC>"
        + " · <https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#metricsV2:graph=~(metrics~(~(~'AWS*2FEC2~'CPUUtilization~'AutoScalingGroupName~'web-asg~'InstanceId~'i-0abc))~stat~'Average~period~60~region~'eu-west-1)|CloudWatch>\",\"verbatim\":true}},"
        + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Reason*\\nThreshold Crossed: 3 out of the last 3 datapoints [91.2, 95.0, 97.1] were greater than the threshold (80.0).\",\"verbatim\":true}},"
        + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"watchstream · rule `cpu-high` version 3 · threshold\",\"verbatim\":true}]}"
        + "]");
  }

  @Test
  void resolvedGroupsSayResolved() {
    GroupState firing = groupOf(AlertBuilder.alarm().build());
    GroupState resolved = new GroupState(firing.key(), "C1", "ts", firing.openedAt(), t0,
        Map.of(firing.members().keySet().iterator().next(),
            new io.watchstream.notifier.engine.Member(AlertBuilder.ok().at(t0.plusSeconds(120)).build(), t0.plusSeconds(120), false)));
    assertThat(IncidentMessageRenderer.headline(resolved)).isEqualTo(IncidentMessageRenderer.Headline.RESOLVED);
    assertThat(GSON.toJson(renderer.blocks(resolved).get(0))).contains(":white_check_mark: RESOLVED: cpu-high");
    assertThat(renderer.fallbackText(resolved)).isEqualTo("RESOLVED: cpu-high (critical), 0 of 1 series in ALARM");
  }

  @Test
  void severalSeriesAreListedAlarmFirst() {
    GroupState g = groupOf(AlertBuilder.alarm().instance("i-2").build(), AlertBuilder.alarm().instance("i-1").build());
    assertThat(renderer.blocks(g)).hasSize(6);
    assertThat(renderer.fallbackText(g)).isEqualTo("ALARM: cpu-high (critical), 2 of 2 series in ALARM");
    assertThat(GSON.toJson(renderer.blocks(g).get(2))).contains("`i-1`");
    assertThat(GSON.toJson(renderer.blocks(g).get(3))).contains("`i-2`");
  }

  @Test
  void moreThanTenSeriesAreSummarised() {
    Alert[] alerts = new Alert[12];
    for (int i = 0; i < 12; i++) {
      alerts[i] = AlertBuilder.alarm().instance("i-" + (10 + i)).build();
    }
    var blocks = renderer.blocks(groupOf(alerts));
    assertThat(blocks).hasSize(2 + 10 + 1 + 2);
    assertThat(GSON.toJson(blocks.get(12))).contains("… and 2 more series");
  }

  @Test
  void untrustedTextInReasonsAndDimensionsCannotMentionOrLink() {
    Alert evil = AlertBuilder.alarm().kind("log-frequency")
        .dimensions(Map.of("path", "<!channel> @here"))
        .reason("ERROR <!everyone> see <https://evil.example|docs> & @oncall")
        .build();
    String json = GSON.toJson(renderer.blocks(groupOf(evil)));
    assertThat(json).doesNotContain("<!channel").doesNotContain("<!everyone").doesNotContain("<https://evil").doesNotContain("@here").doesNotContain("@oncall")
        .contains("ERROR &lt;!everyone&gt; see &lt;https:\u200b//evil.\u200bexample|docs&gt; &amp; @\u200boncall");
  }

  @Test
  void everyTextObjectFitsSlacksLimitWithThirtyDimensionsOfTheLongestValueCloudWatchAllows() {
    java.util.Map<String, String> dims = new java.util.TreeMap<>();
    for (int i = 0; i < 30; i++) {
      dims.put("Dim" + i, "v/".repeat(512)); // 1,024 characters, each '/' tripled by the console's encoding
    }
    String json = GSON.toJson(renderer.blocks(groupOf(AlertBuilder.alarm().dimensions(dims).build())));
    java.util.List<String> texts = new java.util.ArrayList<>();
    collectTexts(com.google.gson.JsonParser.parseString(json), texts);
    assertThat(texts).isNotEmpty().allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(3000));
    assertThat(String.join("\n", texts)).contains("<https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#metricsV2|CloudWatch>");
  }

  private static void collectTexts(com.google.gson.JsonElement e, java.util.List<String> out) {
    if (e.isJsonObject()) {
      e.getAsJsonObject().entrySet().forEach(kv -> {
        if (kv.getKey().equals("text") && kv.getValue().isJsonPrimitive()) {
          out.add(kv.getValue().getAsString());
        } else {
          collectTexts(kv.getValue(), out);
        }
      });
    } else if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> collectTexts(x, out));
    }
  }

  @Test
  void theHeaderKeepsOurEmojiAndFitsSlacksLimitWhateverTheRuleId() {
    String header = GSON.toJson(renderer.blocks(groupOf(AlertBuilder.alarm().rule("&".repeat(200)).build())).get(0));
    assertThat(header).startsWith("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\":red_circle: ALARM: &amp;&amp;");
    assertThat(com.google.gson.JsonParser.parseString(header).getAsJsonObject().getAsJsonObject("text").get("text").getAsString())
        .hasSizeLessThanOrEqualTo(IncidentMessageRenderer.HEADER_MAX_CHARS).endsWith("&amp;…");
  }

  @Test
  void threadRepliesDescribeTheTransition() {
    Alert ok = AlertBuilder.ok().at(t0.plusSeconds(300)).build();
    GroupState g = groupOf(AlertBuilder.alarm().build());
    String reply = renderer.replyText(new Notification(Notification.Kind.UPDATE, g, ok, null, "k", java.util.List.of(),
        java.util.List.of()));
    assertThat(reply).isEqualTo("`i-0abc` group `web-asg`: ALARM → *OK* at "
        + "<!date^1795615500^{date_short_pretty} {time}|2026-11-25 14:05 UTC> · *41.2* (threshold &gt; 80)\n"
        + "Threshold Crossed: no datapoints were greater than the threshold (80.0).");
    assertThat(ok.toState()).isEqualTo(AlarmState.OK);
  }
}

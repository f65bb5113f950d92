package io.watchstream.notifier.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.avro.AlertTransition;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.slack.HostileText;
import io.watchstream.notifier.slack.SlackReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The SNS message: the alert contract raw, then the text AWS Chatbot renders into Slack, escaped by the Slack rules. */
class ChatbotNotificationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static AlertTransition transition(String untrusted) {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("AutoScalingGroupName", untrusted);
    dims.put("InstanceId", untrusted);
    return AlertBuilder.toAvro(AlertBuilder.alarm().dimensions(dims).reason("matched: " + untrusted).build());
  }

  private static JsonNode message(String untrusted) throws Exception {
    return JSON.readTree(SnsTransitionPublisher.message(transition(untrusted)));
  }

  @Test
  void theMessageIsTheAlertContractFollowedByChatbotsCustomNotification() throws Exception {
    JsonNode m = message("i-0abc");
    List<String> fields = new ArrayList<>();
    m.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("alertId", "ruleId", "ruleVersion", "ruleKind", "severity", "labels", "seriesKey",
        "dimensions", "fromState", "toState", "transitionTime", "windowStart", "windowEnd", "observedValues", "comparison",
        "threshold", "expected", "lowerBound", "upperBound", "reason", "reminder", "notifyChannels", "lineage",
        "version", "source", "content");
    assertThat(m.get("version").asText()).isEqualTo("1.0");
    assertThat(m.get("source").asText()).isEqualTo("custom");
    assertThat(m.get("content").get("textType").asText()).isEqualTo("client-markdown");
    assertThat(m.get("content").get("title").asText()).isEqualTo("ALARM: cpu-high");
    assertThat(m.get("content").get("description").asText()).isEqualTo("*ALARM* `i-0abc` group `i-0abc` — *97.1* "
        + "(threshold &gt; 80)\n*Severity* critical · rule `cpu-high` v3 · threshold\nmatched: i-0abc");
  }

  @Test
  void aLogLineCannotAddAFakeResolvedLineOrALinkToWhatChatbotShows() throws Exception {
    String hostile = "disk ok\n:white_check_mark: *RESOLVED* see _https://evil.example/login_ <!channel>";
    JsonNode m = message(hostile);
    assertThat(m.get("reason").asText()).as("the contract keeps the raw data").isEqualTo("matched: " + hostile);
    String description = m.get("content").get("description").asText();
    assertThat(description.lines()).hasSize(3);
    assertThat(description.lines().toList().get(2)).isEqualTo("matched: disk ok ⏎ :\u200Bwhite_check_mark: ∗RESOLVED∗ "
        + "see ＿https:\u200B//evil.\u200Bexample/login＿ &lt;!channel&gt;");
  }

  @Provide
  Arbitrary<String> hostile() {
    return HostileText.strings();
  }

  @Property(tries = 200)
  void hostileTextAddsNothingToWhatChatbotRendersIntoSlack(@ForAll("hostile") String hostile) throws Exception {
    JsonNode attacked = message(hostile).get("content");
    JsonNode benign = message("benign").get("content");
    for (String field : List.of("title", "description")) {
      assertThat(SlackReader.read(attacked.get(field).asText()))
          .as("%s rendered from %s:%n%s", field, HostileText.show(hostile), attacked.get(field).asText())
          .isEqualTo(SlackReader.read(benign.get(field).asText()));
    }
  }
}

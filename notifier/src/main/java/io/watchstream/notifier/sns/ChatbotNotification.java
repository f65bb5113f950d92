package io.watchstream.notifier.sns;

import io.watchstream.avro.AlertTransition;
import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.slack.SeriesText;
import io.watchstream.notifier.slack.SlackText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of the SNS message that AWS Chatbot (Amazon Q Developer in chat applications) renders into Slack: its
 * custom-notification fields {@code version}, {@code source} and {@code content} ({@code textType}
 * {@code client-markdown}, {@code title}, {@code description}). Chatbot renders that text as Slack mrkdwn, so
 * everything in it that did not come from our own code passes through {@link SlackText#escape}, exactly as in the
 * notifier's own Slack messages. The alert contract's fields beside it stay raw data for programs.
 */
public final class ChatbotNotification {

  private ChatbotNotification() {
  }

  /** {@code version}, {@code source} and {@code content}, in that order. */
  public static Map<String, Object> fields(AlertTransition t) {
    Alert a = Alert.from(t);
    // Chatbot allows 250 characters of title and 8,000 of description: 40 escaped characters are at most 200.
    String title = a.toState() + ": " + SlackText.escape(a.ruleId(), 40);
    String description = "*" + a.toState() + "* " + SeriesText.seriesName(a) + " — " + SeriesText.valueText(a)
        + "\n*Severity* " + SlackText.escape(a.severity(), 40) + " · rule `" + SlackText.escape(a.ruleId(), 120)
        + "` v" + a.ruleVersion() + " · " + SlackText.escape(a.ruleKind(), 40)
        + (a.reason() == null || a.reason().isBlank() ? "" : "\n" + SlackText.escape(a.reason(), 1000));
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("textType", "client-markdown");
    content.put("title", title);
    content.put("description", description);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", "1.0");
    out.put("source", "custom");
    out.put("content", content);
    return out;
  }
}

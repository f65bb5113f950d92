package io.watchstream.notifier.sns;

import io.watchstream.avro.AlertTransition;
import io.watchstream.notifier.state.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Optional SNS fan-out: publishes every alert transition to one topic, as JSON with the alert contract's
 * field names (raw values, for programs), followed by AWS Chatbot's custom-notification fields
 * ({@link ChatbotNotification}: escaped text, the same rules as our Slack messages), with message attributes
 * {@code severity}, {@code rule} and {@code state} for subscription filter policies. Chatbot renders only the
 * custom-notification fields, so the SNS → AWS Chatbot → Slack path shows the alert and nothing in it can forge
 * a link, a mention or a line.
 */
public final class SnsTransitionPublisher {

  private final SnsClient sns;
  private final String topicArn;

  public SnsTransitionPublisher(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  /** Publishes and returns SNS's message id; AWS SDK exceptions propagate after the SDK's own retries. */
  public String publish(AlertTransition t) {
    String subject = (t.getToState() + ": " + t.getRuleId()).replaceAll("[^\\x20-\\x7E]", "?");
    PublishResponse r = sns.publish(p -> p.topicArn(topicArn)
        .subject(subject.length() > 100 ? subject.substring(0, 100) : subject)
        .message(message(t))
        .messageAttributes(Map.of(
            "severity", text(t.getSeverity()),
            "rule", text(t.getRuleId()),
            "state", text(t.getToState().name()))));
    return r.messageId();
  }

  /** The alert contract's fields, raw, then the text AWS Chatbot renders into Slack, escaped. */
  static String message(AlertTransition t) {
    Map<String, Object> body = new LinkedHashMap<>(AlertJson.toMap(t));
    body.putAll(ChatbotNotification.fields(t));
    return Json.write(body);
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}

package io.watchstream.notifier.sns;

import io.watchstream.avro.AlertTransition;
import io.watchstream.notifier.state.Json;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Optional SNS fan-out: publishes every alert transition to one topic, as JSON with the alert contract's
 * field names, with message attributes {@code severity}, {@code rule} and {@code state} for subscription
 * filter policies. This keeps the common SNS → AWS Chatbot → Slack path (and any other subscriber) working.
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
        .message(Json.write(AlertJson.toMap(t)))
        .messageAttributes(Map.of(
            "severity", text(t.getSeverity()),
            "rule", text(t.getRuleId()),
            "state", text(t.getToState().name()))));
    return r.messageId();
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}

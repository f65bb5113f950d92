package io.watchstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.sandbox.SlackStandIn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the stand-in with the official Slack Java SDK, as the notifier will. */
class SlackStandInIT {

  private static final String TOKEN = "xoxb-test-token";
  private static SlackStandIn standIn;
  private static Slack slack;

  @BeforeAll
  static void start() {
    standIn = RealParts.slack();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(standIn.apiUrlPrefix());
    // Otherwise the SDK sends auth.test calls of its own, which would show up among the recorded requests.
    config.setStatsEnabled(false);
    slack = Slack.getInstance(config);
  }

  @AfterAll
  static void closeSdk() throws Exception {
    slack.close();
  }

  @BeforeEach
  void reset() {
    standIn.reset();
  }

  @Test
  void postMessageThenUpdateAreAnsweredAndRecordedInOrder() throws Exception {
    MethodsClient methods = slack.methods(TOKEN);

    ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel("C0ALERTS").text("CPU high on i-1"));
    assertThat(posted.isOk()).isTrue();
    assertThat(posted.getChannel()).isEqualTo("C0ALERTS");
    assertThat(posted.getTs()).matches("\\d+\\.\\d{6}");

    ChatUpdateResponse updated = methods.chatUpdate(r -> r.channel(posted.getChannel()).ts(posted.getTs()).text("Resolved"));
    assertThat(updated.isOk()).isTrue();
    assertThat(updated.getTs()).isEqualTo(posted.getTs());

    List<RecordedRequest> requests = standIn.awaitRequests(2, Duration.ofSeconds(5));
    assertThat(requests).extracting(RecordedRequest::methodPath).containsExactly("chat.postMessage", "chat.update");
    RecordedRequest post = requests.get(0);
    assertThat(post.param("channel")).contains("C0ALERTS");
    assertThat(post.param("text")).contains("CPU high on i-1");
    assertThat(post.header("Authorization")).contains("Bearer " + TOKEN);
    assertThat(requests.get(1).param("ts")).contains(posted.getTs());
    assertThat(requests.get(1).receivedAt()).isAfterOrEqualTo(post.receivedAt());
    assertThat(standIn.requests("chat.update")).hasSize(1);
  }

  @Test
  void successiveMessagesGetDistinctTimestamps() throws Exception {
    MethodsClient methods = slack.methods(TOKEN);
    String first = methods.chatPostMessage(r -> r.channel("C1").text("a")).getTs();
    String second = methods.chatPostMessage(r -> r.channel("C1").text("b")).getTs();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void webhookPayloadIsAnsweredOkAndRecordedAsJson() throws Exception {
    WebhookResponse response = slack.send(standIn.webhookUrl("T0/B0/secret"), Payload.builder().text("Alarm: disk full").build());

    assertThat(response.getCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("ok");
    RecordedRequest request = standIn.awaitRequests("/webhook/", 1, Duration.ofSeconds(5)).get(0);
    assertThat(request.path()).isEqualTo("/webhook/T0/B0/secret");
    assertThat(request.param("text")).contains("Alarm: disk full");
  }

  @Test
  void throttledCallIsSeenBySdkAs429WithRetryAfterAndTheNextCallSucceeds() throws Exception {
    standIn.throttleNext(1, 7);
    MethodsClient methods = slack.methods(TOKEN);

    assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C0").text("x")))
        .isInstanceOfSatisfying(SlackApiException.class, e -> {
          assertThat(e.getResponse().code()).isEqualTo(429);
          assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
        });
    assertThat(methods.chatPostMessage(r -> r.channel("C0").text("x")).isOk()).isTrue();
    assertThat(standIn.requests("chat.postMessage")).extracting(RecordedRequest::status).containsExactly(429, 200);
  }

  @Test
  void serverErrorsAreSeenBySdkForMethodsAndWebhooks() throws Exception {
    standIn.failNext(2, 500);

    assertThatThrownBy(() -> slack.methods(TOKEN).chatPostMessage(r -> r.channel("C0").text("x")))
        .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.getResponse().code()).isEqualTo(500));
    WebhookResponse webhook = slack.send(standIn.webhookUrl("w"), Payload.builder().text("y").build());
    assertThat(webhook.getCode()).isEqualTo(500);

    assertThat(slack.send(standIn.webhookUrl("w"), Payload.builder().text("z").build()).getCode()).isEqualTo(200);
    assertThat(standIn.requests()).extracting(RecordedRequest::status).containsExactly(500, 500, 200);
    assertThat(standIn.requests().get(0).answeredOk()).isFalse();
  }

  @Test
  void awaitRequestsFailsWithWhatArrivedWhenTooFewCome() {
    assertThatThrownBy(() -> standIn.awaitRequests(1, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected 1 Slack request(s)");
  }
}

package io.watchstream.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.model.block.LayoutBlock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliableSlackTest {

  /** Scripted sender: fails with the queued failures first, then succeeds. */
  private static final class ScriptedSender implements SlackSender {
    final Deque<SlackFailure> failures = new ArrayDeque<>();
    int calls;

    @Override
    public SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs) throws SlackFailure {
      calls++;
      if (!failures.isEmpty()) {
        throw failures.poll();
      }
      return new SlackRef("C1", "1.000" + calls);
    }

    @Override
    public void update(SlackRef ref, String text, List<LayoutBlock> blocks) throws SlackFailure {
      post(null, text, blocks, null);
    }

    @Override
    public boolean canEditAndThread() {
      return true;
    }
  }

  private final ScriptedSender sender = new ScriptedSender();
  private final List<Duration> sleeps = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneOffset.UTC);
  private final List<String> status = new ArrayList<>();
  private final DependencyStatus recorder = new DependencyStatus() {
    @Override
    public void waiting(String dependency, String reason) {
      status.add("waiting " + dependency + ": " + reason);
    }

    @Override
    public void recovered(String dependency) {
      status.add("recovered " + dependency);
    }
  };
  private final ReliableSlack slack = new ReliableSlack(sender, new ChannelRateLimiter(Duration.ofSeconds(1)),
      new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(60)), clock, sleeps::add,
      io.watchstream.notifier.ops.NotifierMetrics.discarding(), recorder);

  @Test
  void honoursRetryAfterOn429() throws Exception {
    sender.failures.add(SlackFailure.forStatus(429, "7", "chat.postMessage"));
    SlackRef ref = slack.post("#a", "t", List.of(), null);
    assertThat(ref.ts()).isEqualTo("1.0002");
    // first slot immediately, then the Retry-After of 7 s moves the channel's next slot
    assertThat(sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(7));
    assertThat(slack.rateLimitedCount()).isEqualTo(1);
  }

  @Test
  void retriesServerErrorsWithExponentialBackoffCapped() throws Exception {
    sender.failures.add(SlackFailure.forStatus(500, null, "x"));
    sender.failures.add(SlackFailure.forStatus(503, null, "x"));
    sender.failures.add(SlackFailure.forStatus(502, null, "x"));
    slack.update("#a", new SlackRef("C1", "1.0"), "t", List.of());
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    assertThat(sender.calls).isEqualTo(4);
  }

  @Test
  void anOutageIsWaitedOutHoweverLongItLastsAndNeverThrows() throws Exception {
    for (int i = 0; i < 50; i++) {
      sender.failures.add(SlackFailure.forStatus(i % 2 == 0 ? 500 : 503, null, "x"));
    }
    sender.failures.add(new SlackFailure(SlackFailure.Kind.TRANSIENT, "chat.update: ConnectException", null));
    slack.update("#a", new SlackRef("C1", "1.0"), "t", List.of());
    assertThat(sender.calls).isEqualTo(52);
    assertThat(sleeps).hasSize(51).allMatch(d -> d.compareTo(Duration.ofMillis(250)) <= 0);
    assertThat(status.get(0)).isEqualTo("waiting slack: Slack update to #a failed 1 time(s) in a row: HTTP 500 x");
    assertThat(status.get(status.size() - 1)).isEqualTo("recovered slack");
  }

  @Test
  void aRefusedTokenWaitsLikeAnOutageInsteadOfDeadLetteringEveryAlert() throws Exception {
    sender.failures.add(new SlackFailure(SlackFailure.Kind.AUTH, "chat.postMessage: invalid_auth", null));
    sender.failures.add(SlackFailure.forStatus(403, null, "webhook: invalid_token"));
    SlackRef ref = slack.post("#a", "t", List.of(), null);
    assertThat(ref.ts()).isEqualTo("1.0003");
    assertThat(status).first().asString().contains("invalid_auth");
  }

  @Test
  void permanentErrorsAreNotRetried() {
    sender.failures.add(new SlackFailure(SlackFailure.Kind.PERMANENT, "chat.postMessage: channel_not_found", null));
    assertThatThrownBy(() -> slack.post("#a", "t", List.of(), null)).hasMessageContaining("channel_not_found");
    assertThat(sender.calls).isEqualTo(1);
    assertThat(status).containsExactly("recovered slack");
  }

  @Test
  void aRetryAfterLongerThanTheLimitWaitsTheLimitThenTriesAgain() throws Exception {
    sender.failures.add(SlackFailure.forStatus(429, "3600", "chat.postMessage"));
    slack.update("#a", new SlackRef("C1", "1.0"), "t", List.of());
    assertThat(sleeps).containsExactly(Duration.ofSeconds(60));
    assertThat(sender.calls).isEqualTo(2);
  }

  @Test
  void postsToOneChannelArePacedOnePerSecond() throws Exception {
    slack.post("#a", "1", List.of(), null);
    slack.post("#a", "2", List.of(), null);
    slack.post("#b", "3", List.of(), null);
    assertThat(sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO);
  }

  @Test
  void secretsNeverShowInToString() {
    assertThat(Secret.of("xoxb-123-secret", "env SLACK_BOT_TOKEN").toString())
        .doesNotContain("xoxb").isEqualTo("Secret(from env SLACK_BOT_TOKEN)");
  }
}

package io.watchstream.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.model.block.LayoutBlock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.watchstream.notifier.delivery.ChannelRateLimiter;
import io.watchstream.notifier.delivery.ReliableSlack;
import io.watchstream.notifier.delivery.RetryPolicy;
import io.watchstream.notifier.delivery.SlackFailure;
import io.watchstream.notifier.delivery.SlackRef;
import io.watchstream.notifier.delivery.SlackSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierMetricsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final NotifierMetrics metrics = new NotifierMetrics(registry);

  /** Fails with the queued failures first, then succeeds. */
  private static final class ScriptedSender implements SlackSender {
    final Deque<SlackFailure> failures = new ArrayDeque<>();

    @Override
    public SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs) throws SlackFailure {
      if (!failures.isEmpty()) {
        throw failures.poll();
      }
      return new SlackRef("C1", "1.0001");
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

  private Map<String, Double> scrape() {
    return PrometheusText.samples(registry.scrape());
  }

  @Test
  void everyKnownSeriesIsExportedAtZeroBeforeTheFirstEvent() {
    Map<String, Double> s = scrape();
    assertThat(s).containsEntry("watchstream_notifier_alerts_consumed_total", 0.0)
        .containsEntry("watchstream_notifier_incidents_open", 0.0)
        .containsEntry("watchstream_notifier_slack_retries_total", 0.0)
        .containsEntry("watchstream_notifier_slack_messages_total{kind=\"post\"}", 0.0)
        .containsEntry("watchstream_notifier_slack_messages_total{kind=\"update\"}", 0.0)
        .containsEntry("watchstream_notifier_slack_messages_total{kind=\"thread_reply\"}", 0.0)
        .containsEntry("watchstream_notifier_slack_errors_total{cause=\"rate_limited\"}", 0.0)
        .containsEntry("watchstream_notifier_slack_errors_total{cause=\"server_error\"}", 0.0)
        .containsEntry("watchstream_notifier_dead_letters_total{stage=\"deliver\"}", 0.0)
        .containsEntry("watchstream_notifier_dead_letters_total{stage=\"decode\"}", 0.0)
        .containsEntry("watchstream_notifier_sns_publishes_total{outcome=\"ok\"}", 0.0);
  }

  @Test
  void slackCallsAreCountedByKindAndFailedAttemptsByCause() throws Exception {
    ScriptedSender sender = new ScriptedSender();
    ReliableSlack slack = new ReliableSlack(sender, new ChannelRateLimiter(Duration.ZERO),
        new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(60)),
        Clock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneOffset.UTC), d -> { }, metrics);

    sender.failures.add(SlackFailure.forStatus(429, "2", "chat.postMessage"));
    sender.failures.add(SlackFailure.forStatus(503, null, "chat.postMessage"));
    SlackRef ref = slack.post("#ops", "t", List.of(), null);
    slack.update("#ops", ref, "t", List.of());
    sender.failures.add(new SlackFailure(SlackFailure.Kind.TRANSIENT, "chat.postMessage: SocketTimeoutException", null));
    slack.post("#ops", "reply", null, ref.ts());
    sender.failures.add(SlackFailure.forStatus(404, null, "channel_not_found"));
    assertThatThrownBy(() -> slack.post("#gone", "t", List.of(), null)).isInstanceOf(SlackFailure.class);

    Map<String, Double> s = scrape();
    assertThat(s).containsEntry("watchstream_notifier_slack_messages_total{kind=\"post\"}", 1.0)
        .containsEntry("watchstream_notifier_slack_messages_total{kind=\"update\"}", 1.0)
        .containsEntry("watchstream_notifier_slack_messages_total{kind=\"thread_reply\"}", 1.0)
        .containsEntry("watchstream_notifier_slack_errors_total{cause=\"rate_limited\"}", 1.0)
        .containsEntry("watchstream_notifier_slack_errors_total{cause=\"server_error\"}", 1.0)
        .containsEntry("watchstream_notifier_slack_errors_total{cause=\"transient\"}", 1.0)
        .containsEntry("watchstream_notifier_slack_errors_total{cause=\"permanent\"}", 1.0)
        .containsEntry("watchstream_notifier_slack_retries_total", 3.0);
  }

  @Test
  void deadLettersSnsScalingAndOpenIncidentsAreExported() {
    metrics.alertConsumed();
    metrics.alertConsumed();
    metrics.deadLettered("deliver");
    metrics.deadLettered("decode");
    metrics.deadLettered("decode");
    metrics.snsPublished(true);
    metrics.snsPublished(false);
    metrics.scalingCommand("EXECUTED", null);
    metrics.scalingCommand("REFUSED", "COOLDOWN");
    metrics.scalingCommand("REFUSED", "COOLDOWN");
    metrics.scalingCommand("REFUSED", "NOT_ALLOWLISTED");
    metrics.openIncidents(3);

    Map<String, Double> s = scrape();
    assertThat(s).containsEntry("watchstream_notifier_alerts_consumed_total", 2.0)
        .containsEntry("watchstream_notifier_dead_letters_total{stage=\"deliver\"}", 1.0)
        .containsEntry("watchstream_notifier_dead_letters_total{stage=\"decode\"}", 2.0)
        .containsEntry("watchstream_notifier_dead_letters_total{stage=\"route\"}", 0.0)
        .containsEntry("watchstream_notifier_sns_publishes_total{outcome=\"ok\"}", 1.0)
        .containsEntry("watchstream_notifier_sns_publishes_total{outcome=\"failed\"}", 1.0)
        .containsEntry("watchstream_notifier_scaling_commands_total{outcome=\"executed\",reason=\"none\"}", 1.0)
        .containsEntry("watchstream_notifier_scaling_commands_total{outcome=\"refused\",reason=\"cooldown\"}", 2.0)
        .containsEntry("watchstream_notifier_scaling_commands_total{outcome=\"refused\",reason=\"not_allowlisted\"}", 1.0)
        .containsEntry("watchstream_notifier_incidents_open", 3.0);
  }
}

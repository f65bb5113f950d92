package io.watchstream.notifier.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.watchstream.notifier.delivery.DependencyStatus;
import io.watchstream.notifier.delivery.SlackFailure;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notifier's meters, exported on {@code /metrics} (Prometheus names {@code watchstream_notifier_*}). Counters
 * are per process: a restart starts them at zero, which Prometheus' {@code rate()} and {@code increase()} expect.
 * Every tag value is from a small fixed set, so a noisy rule or channel can never multiply the series.
 *
 * <p>Series with a known set of tag values (Slack message kinds and error causes, dead-letter stages, SNS and
 * scaling outcomes) are registered at zero up front, so dashboards and alerts see them before the first event.
 */
public final class NotifierMetrics implements DependencyStatus {

  /** Dependencies whose outages are waited out, as in the {@code dependency} tag. */
  public static final String[] DEPENDENCIES = {"slack", "sns", "kafka"};

  /** Successful Slack calls, by what they did. */
  public enum SlackMessage { POST, UPDATE, THREAD_REPLY }

  /**
   * Why a Slack call attempt failed: 429, 5xx, other transient (I/O, timeouts, Slack's own retryable errors), the
   * token or webhook refused (auth), permanent (this message rejected).
   */
  public enum SlackError { RATE_LIMITED, SERVER_ERROR, TRANSIENT, AUTH, PERMANENT }

  /** Dead-letter stages, as in the {@code watchstream.error.stage} header of the dead-letter topic. */
  public static final String[] DEAD_LETTER_STAGES = {"decode", "route", "deliver", "sns"};

  private final MeterRegistry registry;
  private final Counter alertsConsumed;
  private final Counter slackRetries;
  private final AtomicInteger openIncidents = new AtomicInteger();
  private final java.util.Map<String, AtomicInteger> waiting = new java.util.concurrent.ConcurrentHashMap<>();

  public NotifierMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.alertsConsumed = Counter.builder("watchstream.notifier.alerts.consumed")
        .description("Records read from the alerts topic (redeliveries after a restart included)").register(registry);
    this.slackRetries = Counter.builder("watchstream.notifier.slack.retries")
        .description("Slack calls retried after a 429, 5xx or transient error").register(registry);
    Gauge.builder("watchstream.notifier.incidents.open", openIncidents, AtomicInteger::get)
        .description("Incident conversations open on this instance (posted or in their group wait, not resolved)")
        .register(registry);
    for (SlackMessage kind : SlackMessage.values()) {
      slackMessage(kind);
    }
    for (SlackError cause : SlackError.values()) {
      slackErrorCounter(cause);
    }
    for (String stage : DEAD_LETTER_STAGES) {
      deadLetterCounter(stage);
    }
    snsCounter(true);
    snsCounter(false);
    for (String dependency : DEPENDENCIES) {
      waitingGauge(dependency);
    }
  }

  /** Sets {@code watchstream_notifier_dependency_waiting{dependency}} to 1 while delivery waits for it. */
  @Override
  public void waiting(String dependency, String reason) {
    waitingGauge(dependency).set(1);
  }

  @Override
  public void recovered(String dependency) {
    waitingGauge(dependency).set(0);
  }

  private AtomicInteger waitingGauge(String dependency) {
    return waiting.computeIfAbsent(dependency, d -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder("watchstream.notifier.dependency.waiting", value, AtomicInteger::get)
          .description("1 while delivery waits for this dependency to come back (Slack, SNS), else 0")
          .tag("dependency", tagValue(d)).register(registry);
      return value;
    });
  }

  /** Meters that go nowhere: for parts built without a registry (unit tests, embedding). */
  public static NotifierMetrics discarding() {
    return new NotifierMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void alertConsumed() {
    alertsConsumed.increment();
  }

  public void slackDelivered(SlackMessage kind) {
    slackMessage(kind).increment();
  }

  public void slackRetried() {
    slackRetries.increment();
  }

  /** Counts one failed attempt (retried or final) by its cause. */
  public void slackFailed(SlackFailure f) {
    SlackError cause = switch (f.kind()) {
      case RATE_LIMITED -> SlackError.RATE_LIMITED;
      case PERMANENT -> SlackError.PERMANENT;
      case AUTH -> SlackError.AUTH;
      case TRANSIENT -> f.status() >= 500 ? SlackError.SERVER_ERROR : SlackError.TRANSIENT;
    };
    slackErrorCounter(cause).increment();
  }

  public void deadLettered(String stage) {
    deadLetterCounter(stage).increment();
  }

  public void snsPublished(boolean ok) {
    snsCounter(ok).increment();
  }

  /**
   * Counts one scaling command by outcome ({@code executed}, {@code dry_run}, {@code refused}, {@code failed}) and
   * reason ({@code none} when it went through, otherwise a fixed code such as {@code cooldown}).
   */
  public void scalingCommand(String outcome, String reason) {
    Counter.builder("watchstream.notifier.scaling.commands")
        .description("Scaling commands handled, by outcome and, when refused or failed, by reason")
        .tag("outcome", tagValue(outcome)).tag("reason", reason == null ? "none" : tagValue(reason))
        .register(registry).increment();
  }

  public void openIncidents(int n) {
    openIncidents.set(n);
  }

  private Counter slackMessage(SlackMessage kind) {
    return Counter.builder("watchstream.notifier.slack.messages")
        .description("Successful Slack calls: new messages, in-place updates (chat.update) and thread replies")
        .tag("kind", tagValue(kind.name())).register(registry);
  }

  private Counter slackErrorCounter(SlackError cause) {
    return Counter.builder("watchstream.notifier.slack.errors")
        .description("Failed Slack call attempts: rate_limited = HTTP 429, server_error = HTTP 5xx")
        .tag("cause", tagValue(cause.name())).register(registry);
  }

  private Counter deadLetterCounter(String stage) {
    return Counter.builder("watchstream.notifier.dead.letters")
        .description("Records and notifications written to the dead-letter topic, by stage")
        .tag("stage", stage).register(registry);
  }

  private Counter snsCounter(boolean ok) {
    return Counter.builder("watchstream.notifier.sns.publishes")
        .description("Alert transitions published to SNS").tag("outcome", ok ? "ok" : "failed").register(registry);
  }

  private static String tagValue(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}

package io.watchstream.bench.harness;

import io.watchstream.notifier.NotifierFactory;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the real notifier service ({@link NotifierFactory}) on a prefixed catalogue, in incoming-webhook mode with
 * the Slack stand-in's {@code /webhook/<name>} as the only webhook. The webhook URL is handed over as an environment
 * entry, as a secret would be in production.
 */
public final class Notifiers {

  /** A running notifier and its loop thread. */
  public record Running(NotifierService service, Thread thread) implements AutoCloseable {
    @Override
    public void close() {
      service.close();
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Notifiers() {
  }

  /** The notifier at its own defaults (group wait, Slack pacing, retries), delivering to {@code webhookName}. */
  public static NotifierConfig defaults(BenchContext context, Topics topics, String groupId, String webhookName) {
    return config(context, topics, groupId, null, null);
  }

  /**
   * @param groupWait    null for the notifier's default
   * @param postInterval null for the default Slack pacing (1 message/s/channel)
   */
  public static NotifierConfig config(BenchContext context, Topics topics, String groupId, Duration groupWait,
                                      Duration postInterval) {
    return config(context.bootstrap(), context.registry().ccompatUrl(), topics, groupId, groupWait, postInterval);
  }

  /** The same without a benchmark context (tests, child JVMs). */
  public static NotifierConfig config(String bootstrap, String registryUrl, Topics topics, String groupId,
                                      Duration groupWait, Duration postInterval) {
    var n = topics.names();
    return new NotifierConfig(
        new NotifierConfig.Kafka(bootstrap, registryUrl, groupId, n.alerts(),
            n.scalingCommands(), n.notifierState(), n.silences(), null),
        new NotifierConfig.Slack(NotifierConfig.SlackMode.WEBHOOK, null, Map.of(),
            new NotifierConfig.SecretRef("BENCH_SLACK_WEBHOOK", null), null, postInterval, null, null),
        new NotifierConfig.Routing("#bench", Map.of("bench", "#bench"), null),
        groupWait == null ? null : new NotifierConfig.Noise(null, groupWait, null, null, null, null),
        null, null, null, null);
  }

  public static Running start(BenchContext context, NotifierConfig config, String webhookName) throws InterruptedException {
    return start(context.slack().webhookUrl(webhookName), config);
  }

  /** The environment the notifier's webhook secret reference resolves in: {@code webhookUrl}. */
  public static Map<String, String> env(String webhookUrl) {
    return Map.of("BENCH_SLACK_WEBHOOK", webhookUrl);
  }

  /** Starts the notifier loop on its own thread, posting to {@code webhookUrl}; returns once it consumes. */
  public static Running start(String webhookUrl, NotifierConfig config) throws InterruptedException {
    NotifierService service = NotifierFactory.create(config, env(webhookUrl), Clock.systemUTC(), NotifierHooks.NONE);
    Thread thread = new Thread(service, "notifier");
    thread.setDaemon(true);
    thread.start();
    if (!service.awaitStarted(Duration.ofMinutes(1))) {
      service.close();
      throw new IllegalStateException("notifier did not start within a minute");
    }
    return new Running(service, thread);
  }
}

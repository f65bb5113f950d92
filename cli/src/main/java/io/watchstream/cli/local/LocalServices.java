package io.watchstream.cli.local;

import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.pipeline.StartedParts;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorOpsConfig;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.sandbox.SlackStandIn;
import io.watchstream.sandbox.TempDirs;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration each service runs with in local mode: the bundled examples ({@code ingest.yaml},
 * {@code notifier.yaml}, the rule file) pointed at this machine's broker, registry and moto, with the ops endpoints on
 * any free port (local mode must not fail because 9464 or 9465 is taken; {@link LocalPipeline#opsPorts()} says which).
 */
final class LocalServices {

  /** The notifier's configuration, the environment its secret references resolve in, and where alerts go. */
  record Notifier(NotifierConfig config, Map<String, String> env, String target) {}

  private final LocalSettings settings;
  private final String bootstrapServers;
  private final String registryUrl;
  private final Optional<URI> moto;

  LocalServices(LocalSettings settings, String bootstrapServers, String registryUrl, Optional<URI> moto) {
    this.settings = settings;
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.moto = moto;
  }

  List<LoadedRule> rules() {
    try {
      return new RuleFileLoader().load(settings.rulesFile());
    } catch (RuleFileException e) {
      throw new IllegalStateException("invalid rule file: " + String.join("; ", e.allProblems()), e);
    }
  }

  /** The processor on a state directory that is deleted when local mode stops (or at JVM exit). */
  ProcessorConfig processor(StartedParts parts) {
    Path stateDir = TempDirs.create("local-processor");
    parts.push("processor state", () -> TempDirs.deleteRecursively(stateDir));
    return new ProcessorConfig(new ProcessorConfig.Kafka(bootstrapServers, registryUrl, "watchstream-local-processor",
        stateDir, null, null, null), null, settings.rulesFile(), null, ProcessorOpsConfig.onLoopback(0));
  }

  IngestConfig ingest(URI motoEndpoint) {
    Map<String, String> env = common();
    env.put("WATCHSTREAM_AWS_ENDPOINT", motoEndpoint.toString());
    env.put("WATCHSTREAM_INGEST_HTTP_PORT", "0");
    return IngestConfigLoader.load(settings.examplesDir().resolve("ingest.yaml"), env);
  }

  /**
   * {@code examples/notifier.yaml}. Slack: the user's webhook or bot token when set; otherwise the sandbox's Slack
   * stand-in on loopback takes the messages (the console shows the alerts anyway), so scaling and the delivery path
   * run the same either way.
   */
  Notifier notifier(StartedParts parts) {
    Map<String, String> env = common();
    String target;
    if (settings.slackWebhook().isPresent()) {
      env.put("SLACK_WEBHOOK_URL", settings.slackWebhook().get());
      env.put("WATCHSTREAM_SLACK_MODE", "webhook");
      target = "alerts go to your Slack webhook";
    } else if (settings.slackBotToken().isPresent() && settings.slackChannel().isPresent()) {
      env.put("SLACK_BOT_TOKEN", settings.slackBotToken().get());
      env.put("WATCHSTREAM_SLACK_MODE", "bot");
      settings.slackApiUrl().ifPresent(url -> env.put("WATCHSTREAM_SLACK_API_URL", url));
      target = "alerts go to Slack channel " + settings.slackChannel().get() + " (bot token)";
    } else {
      SlackStandIn standIn = parts.push("Slack stand-in", SlackStandIn.start());
      env.put("SLACK_WEBHOOK_URL", standIn.webhookUrl("local"));
      env.put("WATCHSTREAM_SLACK_MODE", "webhook");
      target = "no SLACK_WEBHOOK_URL or SLACK_BOT_TOKEN: Slack messages go to a local stand-in at " + standIn.baseUrl();
    }
    moto.ifPresent(endpoint -> env.put("WATCHSTREAM_AWS_ENDPOINT", endpoint.toString()));
    NotifierConfig config = NotifierConfigLoader.load(settings.examplesDir().resolve("notifier.yaml"), env);
    if (settings.slackChannel().isPresent() && "bot".equals(env.get("WATCHSTREAM_SLACK_MODE"))) {
      // One real channel for everything: the bot may not be a member of #ops or #security in the user's workspace.
      String channel = settings.slackChannel().get();
      Map<String, String> aliases = new HashMap<>();
      config.routing().channels().keySet().forEach(name -> aliases.put(name, channel));
      config = new NotifierConfig(config.kafka(), config.slack(),
          new NotifierConfig.Routing(channel, aliases, config.routing().routes()), config.noise(), config.aws(),
          config.sns(), config.scaling(), config.stateRetention());
    }
    if (moto.isEmpty()) {
      // Nothing to scale without the emulated group.
      config = new NotifierConfig(config.kafka(), config.slack(), config.routing(), config.noise(), config.aws(),
          config.sns(), new NotifierConfig.Scaling(false, null, null, null, null), config.stateRetention());
    }
    return new Notifier(config.withHttp("127.0.0.1", 0), env, target);
  }

  private Map<String, String> common() {
    Map<String, String> env = new HashMap<>();
    // one machine: the ops endpoints listen on loopback only
    env.put("WATCHSTREAM_INGEST_HTTP_HOST", "127.0.0.1");
    env.put("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("WATCHSTREAM_SCHEMA_REGISTRY_URL", registryUrl);
    env.put("WATCHSTREAM_AWS_REGION", Scenario.REGION);
    return env;
  }
}

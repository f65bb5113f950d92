package io.watchstream.notifier.config;

import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.config.EnvOverride;
import io.watchstream.runtime.config.FieldProblem;
import io.watchstream.runtime.config.YamlConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link NotifierConfig} from YAML (or JSON) with the shared strict loader ({@link YamlConfig}: unknown keys,
 * wrong types, duplicate keys and aliases are errors with file:line:col, so a misspelt setting never silently falls
 * back to its default), applies environment overrides, validates.
 *
 * <pre>
 * WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS / WATCHSTREAM_BOOTSTRAP_SERVERS  kafka.bootstrapServers
 * WATCHSTREAM_SCHEMA_REGISTRY_URL       kafka.schemaRegistryUrl
 * WATCHSTREAM_TOPIC_ALERTS              kafka.alertsTopic
 * WATCHSTREAM_TOPIC_SCALING_COMMANDS    kafka.scalingCommandsTopic
 * WATCHSTREAM_TOPIC_NOTIFIER_STATE      kafka.stateTopic
 * WATCHSTREAM_TOPIC_SILENCES            kafka.silencesTopic
 * WATCHSTREAM_SLACK_MODE                slack.mode (bot|webhook)
 * WATCHSTREAM_SLACK_API_URL             slack.apiUrl
 * WATCHSTREAM_SLACK_DEFAULT_CHANNEL     routing.defaultChannel
 * WATCHSTREAM_AWS_ENDPOINT              aws.endpoint
 * WATCHSTREAM_AWS_REGION or AWS_REGION  aws.region
 * WATCHSTREAM_SNS_TOPIC_ARN             sns.topicArn
 * WATCHSTREAM_SCALING_DRY_RUN           scaling.dryRun
 * WATCHSTREAM_NOTIFIER_HTTP_PORT        ops.httpPort (0 = any free port, -1 = off)
 * WATCHSTREAM_NOTIFIER_HTTP_HOST        ops.httpHost
 * </pre>
 */
public final class NotifierConfigLoader {

  public static final List<EnvOverride> ENV_OVERRIDES = List.of(
      EnvOverride.of("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
      EnvOverride.of("WATCHSTREAM_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
      EnvOverride.of("WATCHSTREAM_SCHEMA_REGISTRY_URL", "kafka.schemaRegistryUrl"),
      EnvOverride.of("WATCHSTREAM_TOPIC_ALERTS", "kafka.alertsTopic"),
      EnvOverride.of("WATCHSTREAM_TOPIC_SCALING_COMMANDS", "kafka.scalingCommandsTopic"),
      EnvOverride.of("WATCHSTREAM_TOPIC_NOTIFIER_STATE", "kafka.stateTopic"),
      EnvOverride.of("WATCHSTREAM_TOPIC_SILENCES", "kafka.silencesTopic"),
      EnvOverride.of("WATCHSTREAM_SLACK_MODE", "slack.mode"),
      EnvOverride.of("WATCHSTREAM_SLACK_API_URL", "slack.apiUrl"),
      EnvOverride.of("WATCHSTREAM_SLACK_DEFAULT_CHANNEL", "routing.defaultChannel"),
      EnvOverride.of("WATCHSTREAM_AWS_ENDPOINT", "aws.endpoint"),
      EnvOverride.of("WATCHSTREAM_AWS_REGION", "aws.region"),
      EnvOverride.of("AWS_REGION", "aws.region"),
      EnvOverride.of("WATCHSTREAM_SNS_TOPIC_ARN", "sns.topicArn"),
      EnvOverride.of("WATCHSTREAM_SCALING_DRY_RUN", "scaling.dryRun"),
      EnvOverride.of("WATCHSTREAM_NOTIFIER_HTTP_PORT", "ops.httpPort"),
      EnvOverride.of("WATCHSTREAM_NOTIFIER_HTTP_HOST", "ops.httpHost"));

  private static final YamlConfig<NotifierConfig> WITH_SECRETS = new YamlConfig<>(NotifierConfig.class, ENV_OVERRIDES,
      NotifierConfigLoader::problems, (c, env) -> SlackSecrets.resolve(c.slack(), env).problems());
  private static final YamlConfig<NotifierConfig> SETTINGS =
      new YamlConfig<>(NotifierConfig.class, ENV_OVERRIDES, NotifierConfigLoader::problems);

  private NotifierConfigLoader() {
  }

  /**
   * {@code file} with {@code env}'s overrides, checked, with the Slack secrets its mode needs readable from
   * {@code env} or their files (what the notifier needs to start).
   */
  public static NotifierConfig load(Path file, Map<String, String> env) {
    return WITH_SECRETS.load(file, env);
  }

  /** {@code yaml} given inline, checked like {@link #load}; problems name it {@code <inline>}. */
  public static NotifierConfig parse(String yaml, Map<String, String> env) {
    return WITH_SECRETS.parse(yaml, "<inline>", env);
  }

  /** Like {@link #load} without reading the Slack secrets: for tools that only need the topics ({@code silence}). */
  public static NotifierConfig loadSettings(Path file, Map<String, String> env) {
    return SETTINGS.load(file, env);
  }

  static List<FieldProblem> problems(NotifierConfig c) {
    List<FieldProblem> problems = new ArrayList<>();
    problems.addAll(KafkaConnection.problems("kafka", c.kafka().properties(), c.kafka().registry()));
    if (c.slack().mode() == NotifierConfig.SlackMode.WEBHOOK && c.slack().webhooks().isEmpty()
        && c.slack().defaultWebhook() == null) {
      problems.add(new FieldProblem("slack.mode", "webhook needs slack.webhooks or slack.defaultWebhook"));
    }
    if (c.routing().defaultChannel() == null && c.routing().routes().isEmpty()) {
      problems.add(new FieldProblem("routing", "needs a defaultChannel or at least one route"));
    }
    for (int i = 0; i < c.routing().routes().size(); i++) {
      String channel = c.routing().routes().get(i).channel();
      if (channel == null || channel.isBlank()) {
        problems.add(new FieldProblem("routing.routes[" + i + "]", "every route needs a channel"));
      }
    }
    c.scaling().groups().forEach((name, g) -> {
      if (g.max() == null || g.min() < 0 || g.max() < g.min()) {
        problems.add(new FieldProblem("scaling.groups." + name, "needs 0 <= min <= max"));
      }
      notNegative(problems, "scaling.groups." + name + ".cooldown", g.cooldown());
    });
    notNegative(problems, "scaling.warmup", c.scaling().warmup());
    if (c.ops().httpPort() < -1 || c.ops().httpPort() > 65535) {
      problems.add(new FieldProblem("ops.httpPort", "must be a port number 1-65535, 0 for any free port or -1 for none"));
    }
    if (c.noise().flapMaxFlips() < 1) {
      problems.add(new FieldProblem("noise.flapMaxFlips", "must be at least 1"));
    }
    notNegative(problems, "noise.groupWait", c.noise().groupWait());
    positive(problems, "noise.repeatInterval", c.noise().repeatInterval());
    positive(problems, "noise.flapWindow", c.noise().flapWindow());
    notNegative(problems, "noise.flapQuiet", c.noise().flapQuiet());
    notNegative(problems, "slack.postInterval", c.slack().postInterval());
    NotifierConfig.Retry r = c.slack().retry();
    positive(problems, "slack.retry.initialBackoff", r.initialBackoff());
    positive(problems, "slack.retry.maxBackoff", r.maxBackoff());
    if (!r.maxBackoff().isNegative() && r.maxBackoff().compareTo(r.initialBackoff()) < 0) {
      problems.add(new FieldProblem("slack.retry.maxBackoff", "must not be shorter than slack.retry.initialBackoff"));
    }
    positive(problems, "slack.retry.maxRetryAfter", r.maxRetryAfter());
    positive(problems, "stateRetention", c.stateRetention());
    return problems;
  }

  private static void positive(List<FieldProblem> problems, String path, Duration d) {
    if (d.isNegative() || d.isZero()) {
      problems.add(new FieldProblem(path, "must be longer than zero"));
    }
  }

  private static void notNegative(List<FieldProblem> problems, String path, Duration d) {
    if (d.isNegative()) {
      problems.add(new FieldProblem(path, "must not be negative"));
    }
  }
}

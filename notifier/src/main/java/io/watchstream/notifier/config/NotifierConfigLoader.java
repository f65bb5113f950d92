package io.watchstream.notifier.config;

import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.config.EnvOverride;
import io.watchstream.runtime.config.FieldProblem;
import io.watchstream.runtime.config.YamlConfig;
import java.nio.file.Path;
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
      EnvOverride.of("WATCHSTREAM_NOTIFIER_HTTP_PORT", "ops.httpPort"));

  private static final YamlConfig<NotifierConfig> LOADER =
      new YamlConfig<>(NotifierConfig.class, ENV_OVERRIDES, NotifierConfigLoader::problems);

  private NotifierConfigLoader() {
  }

  public static NotifierConfig load(Path file, Map<String, String> env) {
    return LOADER.load(file, env);
  }

  public static NotifierConfig parse(String yaml, Map<String, String> env) {
    return LOADER.parse(yaml, "<inline>", env);
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
    });
    if (c.ops().httpPort() > 65535) {
      problems.add(new FieldProblem("ops.httpPort", "must be a port number (0 = any free port, -1 = off)"));
    }
    if (c.noise().flapMaxFlips() < 1) {
      problems.add(new FieldProblem("noise.flapMaxFlips", "must be at least 1"));
    }
    return problems;
  }
}

package io.watchstream.notifier.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads {@link NotifierConfig} from YAML (or JSON), applies environment overrides, validates. Unknown keys
 * are errors, so a misspelt setting never silently falls back to its default.
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

  public static final List<Map.Entry<String, String>> ENV_OVERRIDES = List.of(
      Map.entry("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
      Map.entry("WATCHSTREAM_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
      Map.entry("WATCHSTREAM_SCHEMA_REGISTRY_URL", "kafka.schemaRegistryUrl"),
      Map.entry("WATCHSTREAM_TOPIC_ALERTS", "kafka.alertsTopic"),
      Map.entry("WATCHSTREAM_TOPIC_SCALING_COMMANDS", "kafka.scalingCommandsTopic"),
      Map.entry("WATCHSTREAM_TOPIC_NOTIFIER_STATE", "kafka.stateTopic"),
      Map.entry("WATCHSTREAM_TOPIC_SILENCES", "kafka.silencesTopic"),
      Map.entry("WATCHSTREAM_SLACK_MODE", "slack.mode"),
      Map.entry("WATCHSTREAM_SLACK_API_URL", "slack.apiUrl"),
      Map.entry("WATCHSTREAM_SLACK_DEFAULT_CHANNEL", "routing.defaultChannel"),
      Map.entry("WATCHSTREAM_AWS_ENDPOINT", "aws.endpoint"),
      Map.entry("WATCHSTREAM_AWS_REGION", "aws.region"),
      Map.entry("AWS_REGION", "aws.region"),
      Map.entry("WATCHSTREAM_SNS_TOPIC_ARN", "sns.topicArn"),
      Map.entry("WATCHSTREAM_SCALING_DRY_RUN", "scaling.dryRun"),
      Map.entry("WATCHSTREAM_NOTIFIER_HTTP_PORT", "ops.httpPort"));

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new SimpleModule("durations").addDeserializer(Duration.class, new Durations.Deserializer()))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private NotifierConfigLoader() {
  }

  public static NotifierConfig load(Path file, Map<String, String> env) {
    try {
      return parse(Files.readString(file), env);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static NotifierConfig parse(String yaml, Map<String, String> env) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      ObjectNode root = tree instanceof ObjectNode o ? o : YAML.createObjectNode();
      applyOverrides(root, env);
      return validate(YAML.treeToValue(root, NotifierConfig.class));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new ConfigException(e.getOriginalMessage() + where, e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  static NotifierConfig validate(NotifierConfig c) {
    if (c.slack().mode() == NotifierConfig.SlackMode.WEBHOOK && c.slack().webhooks().isEmpty()
        && c.slack().defaultWebhook() == null) {
      throw new ConfigException("slack.mode webhook needs slack.webhooks or slack.defaultWebhook");
    }
    if (c.routing().defaultChannel() == null && c.routing().routes().isEmpty()) {
      throw new ConfigException("routing needs a defaultChannel or at least one route");
    }
    for (NotifierConfig.Route r : c.routing().routes()) {
      if (r.channel() == null || r.channel().isBlank()) {
        throw new ConfigException("every route needs a channel");
      }
    }
    c.scaling().groups().forEach((name, g) -> {
      if (g.max() == null || g.min() < 0 || g.max() < g.min()) {
        throw new ConfigException("scaling.groups." + name + " needs 0 <= min <= max");
      }
    });
    if (c.ops().httpPort() > 65535) {
      throw new ConfigException("ops.httpPort must be a port number (0 = any free port, -1 = off)");
    }
    if (c.noise().flapMaxFlips() < 1) {
      throw new ConfigException("noise.flapMaxFlips must be at least 1");
    }
    return c;
  }

  private static void applyOverrides(ObjectNode root, Map<String, String> env) {
    Set<String> done = new HashSet<>();
    for (Map.Entry<String, String> override : ENV_OVERRIDES) {
      String value = env.get(override.getKey());
      if (value == null || value.isBlank() || !done.add(override.getValue())) {
        continue;
      }
      String[] parts = override.getValue().split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = node.get(parts[i]);
        node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
      }
      node.put(parts[parts.length - 1], value);
    }
  }
}

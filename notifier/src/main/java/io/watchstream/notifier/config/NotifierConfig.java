package io.watchstream.notifier.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.kafka.PropertyValue;
import io.watchstream.runtime.kafka.RegistrySettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of {@code watchstream notify}, loaded once by {@link NotifierConfigLoader} (YAML file,
 * then environment overrides, then validation). Defaults live in the compact constructors. Secrets are
 * never values in this file: only the names of environment variables or files that hold them.
 */
public record NotifierConfig(Kafka kafka, Slack slack, Routing routing, Noise noise, Aws aws, Sns sns,
    Scaling scaling, Duration stateRetention, Ops ops) {

  public NotifierConfig {
    kafka = kafka == null ? new Kafka(null, null, null, null, null, null, null, null, null, null) : kafka;
    slack = slack == null ? new Slack(null, null, null, null, null, null, null, null) : slack;
    routing = routing == null ? new Routing(null, null, null) : routing;
    noise = noise == null ? new Noise(null, null, null, null, null, null) : noise;
    aws = aws == null ? new Aws(null, null) : aws;
    sns = sns == null ? new Sns(null) : sns;
    scaling = scaling == null ? new Scaling(null, null, null, null, null) : scaling;
    stateRetention = stateRetention == null ? Duration.ofDays(7) : stateRetention;
    ops = ops == null ? new Ops(null, null) : ops;
  }

  /**
   * For configurations built in code (local mode, benchmarks, tests): the health/metrics endpoint on any free port,
   * so several embedded instances can share a host. Files without an {@code ops} section get port 9465.
   */
  public NotifierConfig(Kafka kafka, Slack slack, Routing routing, Noise noise, Aws aws, Sns sns, Scaling scaling,
      Duration stateRetention) {
    this(kafka, slack, routing, noise, aws, sns, scaling, stateRetention, new Ops(null, 0));
  }

  /** The same configuration with the health/metrics endpoint on {@code port} (0 = any free port, -1 = off). */
  public NotifierConfig withHttpPort(int port) {
    return new NotifierConfig(kafka, slack, routing, noise, aws, sns, scaling, stateRetention, new Ops(ops.httpHost(), port));
  }

  /** The same configuration with its ops endpoint on {@code host}:{@code port}. */
  public NotifierConfig withHttp(String host, int port) {
    return new NotifierConfig(kafka, slack, routing, noise, aws, sns, scaling, stateRetention, new Ops(host, port));
  }

  /** Broker, registry and topic names; topics default to {@code TopicNames.defaults()}. */
  /**
   * Where the notifier reads and writes. {@code properties} (any Kafka client property, secrets as {@code {env:}} /
   * {@code {file:}} references) and {@code registry} (credentials, TLS trust) are the connection settings every
   * service shares ({@link KafkaConnection}).
   */
  public record Kafka(String bootstrapServers, String schemaRegistryUrl, String groupId, String alertsTopic,
      String scalingCommandsTopic, String stateTopic, String silencesTopic, String deadLetterTopic,
      Map<String, PropertyValue> properties, RegistrySettings registry) {

    /** Without connection settings: an unsecured broker and registry. */
    public Kafka(String bootstrapServers, String schemaRegistryUrl, String groupId, String alertsTopic,
        String scalingCommandsTopic, String stateTopic, String silencesTopic, String deadLetterTopic) {
      this(bootstrapServers, schemaRegistryUrl, groupId, alertsTopic, scalingCommandsTopic, stateTopic, silencesTopic,
          deadLetterTopic, null, null);
    }

    /** The connection these settings describe, references read from {@code env} and the files now. */
    public KafkaConnection connection(Map<String, String> env) {
      return KafkaConnection.resolve("kafka", bootstrapServers, properties, schemaRegistryUrl, registry, env);
    }

    public Kafka {
      properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
      registry = registry == null ? RegistrySettings.NONE : registry;
      bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
      schemaRegistryUrl = schemaRegistryUrl == null ? "http://localhost:8080/apis/ccompat/v7" : schemaRegistryUrl;
      groupId = groupId == null ? "watchstream-notifier" : groupId;
      alertsTopic = alertsTopic == null ? "alerts" : alertsTopic;
      scalingCommandsTopic = scalingCommandsTopic == null ? "scaling-commands" : scalingCommandsTopic;
      stateTopic = stateTopic == null ? "notifier-state" : stateTopic;
      silencesTopic = silencesTopic == null ? "silences" : silencesTopic;
      deadLetterTopic = deadLetterTopic == null ? alertsTopic + ".dlq" : deadLetterTopic;
    }
  }

  public enum SlackMode {
    @JsonProperty("bot") BOT,
    @JsonProperty("webhook") WEBHOOK
  }

  /**
   * Where to read a secret from: an environment variable and/or a file (the variable wins when it is set). It holds
   * names only; {@link SlackSecrets} reads the values.
   */
  public record SecretRef(String env, String file) {

    /** What to write instead of a secret; said for a secret written inline, never echoing it. */
    public static final String NEVER_INLINE = "a secret is never written in the file: use { env: NAME } or { file: PATH }";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public SecretRef(@JsonProperty("env") String env, @JsonProperty("file") String file) {
      this.env = env;
      this.file = file;
    }

    /** A scalar where a secret reference belongs is a secret written inline: refused without quoting it. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SecretRef inline(String value) {
      throw new IllegalArgumentException(NEVER_INLINE);
    }
  }

  /**
   * Slack delivery. Bot mode reads the token from {@code token}; webhook mode maps each channel to a
   * webhook secret, with {@code defaultWebhook} for channels not listed.
   */
  public record Slack(SlackMode mode, SecretRef token, Map<String, SecretRef> webhooks, SecretRef defaultWebhook,
      String apiUrl, Duration postInterval, Retry retry, String consoleRegion) {
    public Slack {
      mode = mode == null ? SlackMode.BOT : mode;
      token = token == null ? new SecretRef("SLACK_BOT_TOKEN", null) : token;
      webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
      postInterval = postInterval == null ? Duration.ofSeconds(1) : postInterval;
      retry = retry == null ? new Retry(null, null, null) : retry;
    }
  }

  /**
   * How delivery waits while Slack or SNS is unavailable: 0.5 s doubling to 60 s between attempts, Retry-After
   * (at most {@code maxRetryAfter}) on a 429, for as long as the outage lasts. There is no attempt limit: an outage
   * delays alerts, it never diverts them to the DLQ.
   */
  public record Retry(Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    public Retry {
      initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
      maxBackoff = maxBackoff == null ? Duration.ofSeconds(60) : maxBackoff;
      maxRetryAfter = maxRetryAfter == null ? Duration.ofMinutes(2) : maxRetryAfter;
    }
  }

  /** {@code continue} is optional (false): a Boolean, because the strict loader refuses a missing primitive. */
  public record Route(Map<String, String> match, String channel, @JsonProperty("continue") Boolean continueMatching) {
    public Route {
      continueMatching = continueMatching != null && continueMatching;
    }
  }

  /** Routes are tried in order; {@code channels} maps names used in rules' actions to Slack channels. */
  public record Routing(String defaultChannel, Map<String, String> channels, List<Route> routes) {
    public Routing {
      channels = channels == null ? Map.of() : Map.copyOf(channels);
      routes = routes == null ? List.of() : List.copyOf(routes);
    }
  }

  public record Noise(Boolean groupByRule, Duration groupWait, Duration repeatInterval, Integer flapMaxFlips,
      Duration flapWindow, Duration flapQuiet) {
    public Noise {
      groupByRule = groupByRule == null || groupByRule;
      groupWait = groupWait == null ? Duration.ofSeconds(10) : groupWait;
      repeatInterval = repeatInterval == null ? Duration.ofHours(4) : repeatInterval;
      flapMaxFlips = flapMaxFlips == null ? 4 : flapMaxFlips;
      flapWindow = flapWindow == null ? Duration.ofMinutes(30) : flapWindow;
      flapQuiet = flapQuiet == null ? flapWindow : flapQuiet;
    }
  }

  /** {@code endpoint} points the AWS clients at moto (local mode, tests); omit it for real AWS. */
  public record Aws(String region, String endpoint) {
    public Aws {
      region = region == null ? "us-east-1" : region;
    }
  }

  /** SNS fan-out is on when {@code topicArn} is set. */
  public record Sns(String topicArn) {
  }

  public record ScalingGroup(Integer min, Integer max, Duration cooldown, Boolean dryRun) {
    public ScalingGroup {
      min = min == null ? 1 : min;
      cooldown = cooldown == null ? Duration.ofMinutes(5) : cooldown;
      dryRun = dryRun != null && dryRun;
    }
  }

  /**
   * The {@code /health} and {@code /metrics} endpoint: {@code httpPort} 0 picks a free port, -1 turns it off (a file
   * with any other negative port is refused); {@code httpHost} is the address to bind (all interfaces by default).
   */
  public record Ops(String httpHost, Integer httpPort) {
    public Ops {
      httpHost = httpHost == null ? "0.0.0.0" : httpHost;
      httpPort = httpPort == null ? 9465 : httpPort;
    }
  }

  /** Scaling is off unless {@code enabled}; only {@code groups} listed here may ever be changed. */
  public record Scaling(Boolean enabled, Boolean dryRun, Duration warmup, String slackChannel,
      Map<String, ScalingGroup> groups) {
    public Scaling {
      enabled = enabled != null && enabled;
      dryRun = dryRun != null && dryRun;
      warmup = warmup == null ? Duration.ofMinutes(5) : warmup;
      groups = groups == null ? Map.of() : Map.copyOf(groups);
    }
  }
}

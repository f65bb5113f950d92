package io.watchstream.notifier;

import com.slack.api.Slack;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.delivery.BrokerWait;
import io.watchstream.notifier.delivery.ChannelRateLimiter;
import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.notifier.delivery.DependencyStatus;
import io.watchstream.notifier.delivery.IncidentPublisher;
import io.watchstream.notifier.delivery.ReliableSlack;
import io.watchstream.notifier.delivery.RetryPolicy;
import io.watchstream.notifier.delivery.SlackSender;
import io.watchstream.notifier.delivery.Sleeper;
import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.engine.EngineSettings;
import io.watchstream.notifier.engine.IncidentEngine;
import io.watchstream.notifier.engine.Route;
import io.watchstream.notifier.engine.Router;
import io.watchstream.notifier.engine.SilenceBook;
import io.watchstream.notifier.ops.NotifierHealth;
import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.notifier.pipeline.AlertIntake;
import io.watchstream.notifier.pipeline.NotifierPipeline;
import io.watchstream.notifier.pipeline.ScalingIntake;
import io.watchstream.notifier.pipeline.SnsDelivery;
import io.watchstream.notifier.scaling.CloudWatchMetricReader;
import io.watchstream.notifier.scaling.ScalingController;
import io.watchstream.notifier.scaling.ScalingPolicy;
import io.watchstream.notifier.slack.ConsoleLinks;
import io.watchstream.notifier.slack.IncidentMessageRenderer;
import io.watchstream.notifier.sns.ReliableSns;
import io.watchstream.notifier.sns.SnsTransitionPublisher;
import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.SilenceStore;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.ops.JvmMeters;
import io.watchstream.runtime.ops.OpsServer;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Wires a {@link NotifierService} from a {@link NotifierConfig}: the one place where configuration becomes objects. */
public final class NotifierFactory {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierFactory.class);

  private NotifierFactory() {
  }

  public static NotifierService create(NotifierConfig cfg, Map<String, String> env, Clock clock, NotifierHooks hooks) {
    List<AutoCloseable> resources = new ArrayList<>();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    resources.add(JvmMeters.bindTo(registry));
    NotifierMetrics metrics = new NotifierMetrics(registry);
    NotifierConfig.Kafka k = cfg.kafka();
    // resolved once: secrets are read from the environment and files at start, never again
    KafkaConnection connection = k.connection(env);
    Map<String, Object> clientExtra = connection.clientConfig();

    TopicNames names = TopicNames.defaults().with(Map.of("alerts", k.alertsTopic(),
        "scalingCommands", k.scalingCommandsTopic(), "notifierState", k.stateTopic(), "silences", k.silencesTopic()));
    Topics topics = new Topics(names, connection.registryClient());

    Slack slack = SlackSenders.client(cfg.slack());
    resources.add(slack);
    SlackSender sender = SlackSenders.sender(slack, cfg.slack(), env);
    NotifierConfig.Retry r = cfg.slack().retry();
    RetryPolicy retry = new RetryPolicy(r.initialBackoff(), r.maxBackoff(), r.maxRetryAfter());
    NotifierHealth health = new NotifierHealth(clock, NotifierConsumerProperties.MAX_POLL_INTERVAL);
    DependencyStatus dependencies = DependencyStatus.of(health, metrics);
    ReliableSlack reliable = new ReliableSlack(sender, new ChannelRateLimiter(cfg.slack().postInterval()), retry, clock,
        Sleeper.REAL, metrics, dependencies);
    String consoleRegion = cfg.slack().consoleRegion() != null ? cfg.slack().consoleRegion() : cfg.aws().region();
    IncidentPublisher publisher = new IncidentPublisher(reliable,
        new IncidentMessageRenderer(new ConsoleLinks(consoleRegion)));

    NotifierConfig.Noise n = cfg.noise();
    SilenceBook silences = new SilenceBook();
    IncidentEngine<Position> engine = new IncidentEngine<>(new EngineSettings(n.groupByRule(), n.groupWait(), n.repeatInterval(),
        n.flapMaxFlips(), n.flapWindow(), n.flapQuiet()), silences);
    List<Route> routes = cfg.routing().routes().stream()
        .map(x -> new Route(x.match(), x.channel(), x.continueMatching())).toList();
    Router router = new Router(routes, cfg.routing().channels(), cfg.routing().defaultChannel());

    BrokerWait brokerWait = BrokerWait.real(dependencies);
    NotifierStateStore state = new NotifierStateStore(k.bootstrapServers(), k.stateTopic(), clientExtra, brokerWait);
    resources.add(state);
    SilenceStore silenceStore = new SilenceStore(k.bootstrapServers(), k.silencesTopic(), clientExtra);
    resources.add(silenceStore);
    DeadLetters deadLetters = new DeadLetters(k.bootstrapServers(), k.deadLetterTopic(), clientExtra, metrics, brokerWait);
    resources.add(deadLetters);

    ReliableSns sns = null;
    if (cfg.sns().topicArn() != null && !cfg.sns().topicArn().isBlank()) {
      SnsClient client = AwsClients.configure(SnsClient.builder(), cfg.aws()).build();
      resources.add(client);
      sns = new ReliableSns(new SnsTransitionPublisher(client, cfg.sns().topicArn())::publish, retry, Sleeper.REAL, dependencies);
    }
    ScalingController scaling = null;
    if (cfg.scaling().enabled()) {
      AutoScalingClient asg = AwsClients.configure(AutoScalingClient.builder(), cfg.aws()).build();
      CloudWatchClient cw = AwsClients.configure(CloudWatchClient.builder(), cfg.aws()).build();
      resources.add(asg);
      resources.add(cw);
      Map<String, ScalingPolicy.Group> groups = new HashMap<>();
      cfg.scaling().groups().forEach((name, g) -> groups.put(name,
          new ScalingPolicy.Group(g.min(), g.max(), g.cooldown(), g.dryRun())));
      ScalingPolicy policy = new ScalingPolicy(cfg.scaling().dryRun(), groups, cfg.scaling().warmup(),
          cfg.scaling().slackChannel() != null ? cfg.scaling().slackChannel() : cfg.routing().defaultChannel());
      scaling = new ScalingController(policy, asg, new CloudWatchMetricReader(cw), state, reliable, metrics);
    }

    Properties consumer = connection.clientProperties(Map.of());
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, k.groupId());
    // Opened last: a port that cannot be bound fails start-up at once (`watchstream notify` exits with 2) instead
    // of leaving a notifier running without the endpoint its orchestrator probes.
    OpsServer http;
    try {
      http = openHttp(cfg.ops(), registry, health);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
    if (http != null) {
      resources.add(0, http);
    }
    NotifierPipeline pipeline = new NotifierPipeline(new NotifierPipeline.Stores(state, silenceStore, silences),
        new AlertIntake(topics.alerts(), router, state, deadLetters, metrics),
        new ScalingIntake(topics.scalingCommands(), scaling, deadLetters, metrics),
        new SnsDelivery(sns, state, deadLetters, metrics, clock), engine, publisher, deadLetters, hooks,
        cfg.stateRetention(), clock);
    return new NotifierService(new NotifierService.Parts(consumer, pipeline, Duration.ofMillis(200), metrics, health,
        http, resources));
  }

  private static OpsServer openHttp(NotifierConfig.Ops ops, PrometheusMeterRegistry registry, NotifierHealth health) {
    if (ops.httpPort() < 0) {
      return null;
    }
    try {
      OpsServer http = new OpsServer(new OpsServer.Settings(ops.httpHost(), ops.httpPort(), "notifier-http"), health::report,
          registry::scrape, List.of());
      LOG.info("Notifier health on http://{}:{}/health (and /health/ready), Prometheus metrics on /metrics", ops.httpHost(), http.port());
      return http;
    } catch (IOException e) {
      throw ConfigException.of("notifier", "cannot open the health/metrics port " + ops.httpHost() + ":" + ops.httpPort()
          + " (" + e.getMessage() + "); set ops.httpPort or WATCHSTREAM_NOTIFIER_HTTP_PORT", e);
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Error closing {}: {}", r.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}

package io.watchstream.cli.local;

import io.watchstream.ingest.IngestService;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.notifier.NotifierFactory;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.RulePublisher;
import io.watchstream.processor.app.ProcessorOpsConfig;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.sandbox.ApicurioRegistry;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.sandbox.SlackStandIn;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole pipeline on this machine, in order, and stops it in reverse: an in-process KRaft broker, the
 * Apicurio schema registry (child JVM, built on first use), moto_server seeded with the {@link Scenario} (child
 * process), then ingest, processor and notifier in this JVM with the bundled example configuration. Without
 * moto_server the bundled data files are replayed into the topics instead of running ingest, and it says so.
 *
 * <p>Every part started is pushed on a stack; {@link #close()} closes them newest first, each one even if
 * another failed, so an interrupted start-up leaves nothing running either.
 */
public final class LocalPipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);
  private static final int TOPIC_PARTITIONS = 3;

  private final LocalSettings settings;
  private final PrintWriter out;
  private final Ansi ansi;
  private final Deque<NamedCloseable> started = new ArrayDeque<>();
  private final long startedNanos = System.nanoTime();
  private EmbeddedKafka kafka;
  private ApicurioRegistry registry;
  private MotoServer moto;
  private ScenarioSeeder seeder;
  private ConsoleAlertPrinter alerts;
  private ScalingWatcher scaling;
  private Topics topics;
  private boolean closed;

  private record NamedCloseable(String name, AutoCloseable part) {}

  public LocalPipeline(LocalSettings settings, PrintWriter out, Ansi ansi) {
    this.settings = settings;
    this.out = out;
    this.ansi = ansi;
  }

  /** Starts every part; throws (after stopping what had started) if one cannot start. */
  public LocalPipeline start() {
    try (StatusLine status = new StatusLine(out, ansi)) {
      try {
        startAll(status);
      } catch (RuntimeException e) {
        status.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        close();
        throw e;
      }
    }
    return this;
  }

  private void startAll(StatusLine status) {
    Instant now = Instant.now();
    // moto and the scenario (a few seconds to load moto's services) start alongside the broker and registry.
    aws = settings.useMoto()
        ? CompletableFuture.supplyAsync(() -> startMotoAndSeed(now), daemonExecutor())
        : CompletableFuture.completedFuture(Optional.empty());

    status.begin("Kafka broker (KRaft, in this JVM)");
    kafka = push("Kafka broker", EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(settings.kafkaPort())));
    TopicNames names = TopicNames.defaults();
    for (String topic : List.of(names.metrics(), names.logs(), names.alerts(), names.scalingCommands(), names.anomalyScores(),
        TopicNames.deadLetter(names.alerts()))) {
      kafka.createTopic(topic, TOPIC_PARTITIONS);
    }
    for (String topic : List.of(names.rules(), names.notifierState(), names.silences())) {
      kafka.createCompactedTopic(topic, 1);
    }
    status.done(kafka.bootstrapServers());

    status.begin("schema registry (Apicurio; built from Maven Central on first use)");
    registry = push("schema registry", ApicurioRegistry.start(ApicurioRegistry.Options.inMemory().withPort(settings.registryPort())));
    topics = new Topics(names, new HttpSchemaRegistryClient(registry.ccompatUrl()));
    status.done(registry.ccompatUrl());

    if (settings.useMoto()) {
      status.begin("AWS emulator (moto_server) with the scenario: Auto Scaling group, metrics, /var/log/secure");
      Optional<Seeded> seeded = join(aws);
      if (seeded.isPresent()) {
        Seeded s = seeded.get();
        status.done(String.format(Locale.ROOT, "%s; %s of %d instances %s; %d datapoints and %d log lines over the last %d minutes",
            moto.endpoint(), Scenario.AUTO_SCALING_GROUP, Scenario.INITIAL_CAPACITY, s.scenario().fleet().all(),
            s.history().datapoints(), s.history().logLines(), Scenario.HISTORY_MINUTES));
      } else {
        status.warn("not available: " + motoProblem);
      }
    }
    if (moto != null) {
      push("scenario clock", new ScenarioPump(seeder::playUntil, 5));
      status.begin("ingest (CloudWatch + CloudWatch Logs -> metrics, logs)");
      IngestService ingest = new IngestService(ingestConfig(), Clock.systemUTC()).start();
      Thread loop = new Thread(ingest::runUntilStopped, "ingest");
      loop.setDaemon(true);
      loop.start();
      push("ingest", ingest);
      status.done("polling " + moto.endpoint());
    } else {
      status.info(ansi.yellow("moto_server is not available: replaying the bundled data files (examples/scenario/*.jsonl) "
          + "straight into the metrics and logs topics instead of running ingest; no scale-out will be visible. "
          + "For the full path: " + MotoServer.INSTALL_HINT));
      status.begin("scenario replay from examples/scenario (standing in for ingest)");
      KafkaScenarioReplayer replayer = push("scenario replay",
          new KafkaScenarioReplayer(kafka.bootstrapServers(), topics, ScenarioFiles.load(settings.examplesDir().resolve("scenario"), now)));
      int written = replayer.playUntil(Instant.now());
      push("scenario clock", new ScenarioPump(replayer::playUntil, 5));
      status.done(written + " records of history written, the rest plays live");
    }

    status.begin("processor (Kafka Streams, exactly-once; rules from " + settings.rulesFile() + ")");
    ProcessorApp processor = startProcessor();
    status.done("state of every rule and series on http://127.0.0.1:" + processor.httpPort() + "/state");

    status.begin("notifier (Slack, Auto Scaling)");
    String target = startNotifier();
    status.done(target);

    alerts = push("console alerts", new ConsoleAlertPrinter(kafka.bootstrapServers(), topics.alerts(), out, ansi, startedNanos));
    if (seeder != null) {
      ScenarioSeeder s = seeder;
      scaling = push("scaling watch", new ScalingWatcher(Scenario.AUTO_SCALING_GROUP, s::desiredCapacity,
          Scenario.INITIAL_CAPACITY, out, ansi));
    }
    status.info(String.format(Locale.ROOT, "all parts up in %.1f s. Alerts print below as they happen%s. Ctrl-C stops everything.",
        (System.nanoTime() - startedNanos) / 1e9, settings.slackEnabled() ? " and go to Slack" : " (set SLACK_WEBHOOK_URL to send them to Slack too)"));
  }

  /** The scenario as written into moto, for the status line. */
  private record Seeded(Scenario scenario, ScenarioSeeder.Written history) {}

  private volatile String motoProblem = "";
  private volatile CompletableFuture<Optional<Seeded>> aws;

  private Optional<Seeded> startMotoAndSeed(Instant now) {
    try {
      moto = push("moto_server", MotoServer.start(settings.motoPort()));
    } catch (IllegalStateException e) {
      motoProblem = firstLine(e.getMessage());
      return Optional.empty();
    }
    seeder = push("scenario seeder", new ScenarioSeeder(moto.endpoint()));
    Scenario scenario = seeder.createFleet(now);
    return Optional.of(new Seeded(scenario, seeder.seedHistory(now)));
  }

  /**
   * Starts the notifier with {@code examples/notifier.yaml}, pointed at this broker, registry and moto. Slack: the
   * user's webhook or bot token when set; otherwise the sandbox's Slack stand-in on loopback takes the messages
   * (the console shows the alerts anyway), so scaling and the delivery path run the same either way.
   */
  private String startNotifier() {
    Map<String, String> env = new HashMap<>();
    env.put("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("WATCHSTREAM_SCHEMA_REGISTRY_URL", registry.ccompatUrl());
    env.put("WATCHSTREAM_AWS_REGION", Scenario.REGION);
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
      SlackStandIn standIn = push("Slack stand-in", SlackStandIn.start());
      env.put("SLACK_WEBHOOK_URL", standIn.webhookUrl("local"));
      env.put("WATCHSTREAM_SLACK_MODE", "webhook");
      target = "no SLACK_WEBHOOK_URL or SLACK_BOT_TOKEN: Slack messages go to a local stand-in at " + standIn.baseUrl();
    }
    if (moto != null) {
      env.put("WATCHSTREAM_AWS_ENDPOINT", moto.endpoint().toString());
    }
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
    if (moto == null) {
      // Nothing to scale without the emulated group.
      config = new NotifierConfig(config.kafka(), config.slack(), config.routing(), config.noise(), config.aws(),
          config.sns(), new NotifierConfig.Scaling(false, null, null, null, null), config.stateRetention());
    }
    // Any free port: local mode must not fail because 9465 is taken, and nobody scrapes it here.
    config = config.withHttpPort(0);
    NotifierService notifier = NotifierFactory.create(config, env, Clock.systemUTC(), NotifierHooks.NONE);
    Thread loop = new Thread(notifier, "notifier");
    loop.setDaemon(true);
    loop.start();
    push("notifier", notifier);
    try {
      if (!notifier.awaitStarted(java.time.Duration.ofSeconds(60))) {
        throw new IllegalStateException("the notifier did not start within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the notifier", e);
    }
    return target;
  }

  private static java.util.concurrent.Executor daemonExecutor() {
    return task -> {
      Thread t = new Thread(task, "local-aws-start");
      t.setDaemon(true);
      t.start();
    };
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private ProcessorApp startProcessor() {
    List<LoadedRule> rules;
    try {
      rules = new RuleFileLoader().load(settings.rulesFile());
    } catch (RuleFileException e) {
      throw new IllegalStateException("invalid rule file: " + String.join("; ", e.allProblems().isEmpty()
          ? List.of(e.getMessage()) : e.allProblems()), e);
    }
    Path stateDir = push("processor state", new TempDir("watchstream-local-processor")).path();
    ProcessorConfig config = new ProcessorConfig(new ProcessorConfig.Kafka(kafka.bootstrapServers(), registry.ccompatUrl(),
        "watchstream-local-processor", stateDir, null, null, null), null, settings.rulesFile(), null, ProcessorOpsConfig.onPort(0));
    TopicSetup.ensure(kafka.clientProperties(), topics.names(), TopicCatalogue.PROCESSOR, TopicSetup.Settings.of(TOPIC_PARTITIONS));
    new RulePublisher(kafka.bootstrapServers(), topics.rules()).publish(rules);
    ProcessorApp app = push("processor", new ProcessorApp(config, topics));
    try {
      app.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the processor", e);
    }
    return app;
  }

  private IngestConfig ingestConfig() {
    Map<String, String> env = new HashMap<>();
    env.put("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("WATCHSTREAM_SCHEMA_REGISTRY_URL", registry.ccompatUrl());
    env.put("WATCHSTREAM_AWS_ENDPOINT", moto.endpoint().toString());
    env.put("WATCHSTREAM_AWS_REGION", Scenario.REGION);
    // Any free port: local mode should not fail because 9464 is taken by something else.
    env.put("WATCHSTREAM_INGEST_HTTP_PORT", "0");
    return IngestConfigLoader.load(settings.examplesDir().resolve("ingest.yaml"), env);
  }

  public Optional<EmbeddedKafka> kafka() {
    return Optional.ofNullable(kafka);
  }

  public Optional<MotoServer> moto() {
    return Optional.ofNullable(moto);
  }

  public Optional<ConsoleAlertPrinter> alerts() {
    return Optional.ofNullable(alerts);
  }

  public Optional<ScenarioSeeder> seeder() {
    return Optional.ofNullable(seeder);
  }

  public Optional<Topics> topics() {
    return Optional.ofNullable(topics);
  }

  private synchronized <T extends AutoCloseable> T push(String name, T part) {
    started.push(new NamedCloseable(name, part));
    return part;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Stops everything started, newest first; idempotent. */
  @Override
  public void close() {
    CompletableFuture<?> starting = aws;
    if (starting != null) {
      // Let a half-way moto start finish first, so that what it starts is on the stack and gets stopped too.
      try {
        starting.get(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        // Its failure was reported (or is irrelevant now); only its side effects matter here.
      }
    }
    closeStarted();
  }

  private synchronized void closeStarted() {
    if (closed) {
      return;
    }
    closed = true;
    long began = System.nanoTime();
    while (!started.isEmpty()) {
      NamedCloseable part = started.pop();
      try {
        part.part().close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", part.name(), e.toString());
      } 
    }
    out.printf(Locale.ROOT, "[local] stopped everything in %.1f s%n", (System.nanoTime() - began) / 1e9);
    out.flush();
  }
}

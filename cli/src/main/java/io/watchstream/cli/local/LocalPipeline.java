package io.watchstream.cli.local;

import io.watchstream.pipeline.Pipeline;
import io.watchstream.pipeline.PipelinePlan;
import io.watchstream.pipeline.StartedParts;
import io.watchstream.sandbox.ApicurioRegistry;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole pipeline on this machine: the sandbox's in-process KRaft broker, the Apicurio schema registry (child
 * JVM, built on first use) and moto_server seeded with the {@link Scenario} (child process), then the services as
 * one {@link Pipeline} (topics, processor, notifier, ingest) with the bundled example configuration
 * ({@link LocalServices}). Without moto_server the bundled data files are replayed into the topics instead of running
 * ingest, and it says so.
 *
 * <p>Every part started goes on one {@link StartedParts}; {@link #close()} closes them newest first, so an interrupted
 * start-up leaves nothing running either.
 */
public final class LocalPipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);
  private static final int TOPIC_PARTITIONS = 3;

  private final LocalSettings settings;
  private final PrintWriter out;
  private final Ansi ansi;
  private final StartedParts parts = new StartedParts((name, e) -> log.warn("stopping {} failed: {}", name, e.toString()));
  private final long startedNanos = System.nanoTime();
  private volatile LocalAws aws;
  private EmbeddedKafka kafka;
  private MotoServer moto;
  private ScenarioSeeder seeder;
  private ConsoleAlertPrinter alerts;
  private Pipeline running;
  private Topics topics;
  private boolean closed;

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
    aws = settings.useMoto() ? LocalAws.startInBackground(settings.motoPort(), now, parts) : LocalAws.none();

    status.begin("Kafka broker (KRaft, in this JVM)");
    kafka = parts.push("Kafka broker", EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(settings.kafkaPort())));
    status.done(kafka.bootstrapServers());

    status.begin("schema registry (Apicurio; built from Maven Central on first use)");
    ApicurioRegistry registry = parts.push("schema registry",
        ApicurioRegistry.start(ApicurioRegistry.Options.inMemory().withPort(settings.registryPort())));
    topics = new Topics(TopicNames.defaults(), new HttpSchemaRegistryClient(registry.ccompatUrl()));
    status.done(registry.ccompatUrl());

    if (settings.useMoto()) {
      status.begin("AWS emulator (moto_server) with the scenario: Auto Scaling group, metrics, /var/log/secure");
      Optional<LocalAws.Seeded> seeded = aws.await();
      if (seeded.isPresent()) {
        LocalAws.Seeded s = seeded.get();
        moto = s.moto();
        seeder = s.seeder();
        status.done(String.format(Locale.ROOT, "%s; %s of %d instances %s; %d datapoints and %d log lines over the last %d minutes",
            moto.endpoint(), Scenario.AUTO_SCALING_GROUP, Scenario.INITIAL_CAPACITY, s.scenario().fleet().all(),
            s.history().datapoints(), s.history().logLines(), Scenario.HISTORY_MINUTES));
        parts.push("scenario clock", new ScenarioPump(seeder::playUntil, 5));
      } else {
        status.warn("not available: " + aws.problem());
      }
    }

    LocalServices services = new LocalServices(settings, kafka.bootstrapServers(), registry.ccompatUrl(),
        Optional.ofNullable(moto).map(MotoServer::endpoint));
    LocalServices.Notifier notifier = services.notifier(parts);
    PipelinePlan plan = PipelinePlan.topicsOnly(kafka.bootstrapServers(), topics, TOPIC_PARTITIONS)
        .withProcessor(services.processor(parts), services.rules())
        .withNotifier(notifier.config(), notifier.env());
    if (moto != null) {
      plan = plan.withIngest(services.ingest(moto.endpoint()));
    }
    Pipeline pipeline = parts.push("services", new Pipeline(plan));
    running = pipeline;
    pipeline.start(new ServiceStatus(status, pipeline, settings.rulesFile(), notifier.target(),
        Optional.ofNullable(moto).map(MotoServer::endpoint)));

    if (moto == null) {
      replayScenarioFiles(status, now);
    }
    alerts = parts.push("console alerts", new ConsoleAlertPrinter(kafka.bootstrapServers(), topics.alerts(), out, ansi, startedNanos));
    if (seeder != null) {
      parts.push("scaling watch", new ScalingWatcher(Scenario.AUTO_SCALING_GROUP, seeder::desiredCapacity,
          Scenario.INITIAL_CAPACITY, out, ansi));
    }
    status.info(String.format(Locale.ROOT, "all parts up in %.1f s. Alerts print below as they happen%s. Ctrl-C stops everything.",
        (System.nanoTime() - startedNanos) / 1e9, settings.slackEnabled() ? " and go to Slack" : " (set SLACK_WEBHOOK_URL to send them to Slack too)"));
  }

  /** Without moto: the bundled data files stand in for ingest, their history at once and the rest as time passes. */
  private void replayScenarioFiles(StatusLine status, Instant now) {
    status.info(ansi.yellow("moto_server is not available: replaying the bundled data files (examples/scenario/*.jsonl) "
        + "straight into the metrics and logs topics instead of running ingest; no scale-out will be visible. "
        + "For the full path: " + MotoServer.INSTALL_HINT));
    status.begin("scenario replay from examples/scenario (standing in for ingest)");
    KafkaScenarioReplayer replayer = parts.push("scenario replay",
        new KafkaScenarioReplayer(kafka.bootstrapServers(), topics, ScenarioFiles.load(settings.examplesDir().resolve("scenario"), now)));
    int written = replayer.playUntil(Instant.now());
    parts.push("scenario clock", new ScenarioPump(replayer::playUntil, 5));
    status.done(written + " records of history written, the rest plays live");
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

  /**
   * The port each running service serves {@code /health} and {@code /metrics} on (any free port in local mode), for a
   * Prometheus to scrape; ingest is absent when moto_server is not available.
   */
  public Map<Pipeline.Service, Integer> opsPorts() {
    Map<Pipeline.Service, Integer> ports = new EnumMap<>(Pipeline.Service.class);
    if (running != null) {
      running.ingest().ifPresent(s -> ports.put(Pipeline.Service.INGEST, s.httpPort()));
      running.processor().ifPresent(s -> ports.put(Pipeline.Service.PROCESSOR, s.httpPort()));
      running.notifier().ifPresent(s -> ports.put(Pipeline.Service.NOTIFIER, s.httpPort()));
    }
    return ports;
  }

  public Optional<Topics> topics() {
    return Optional.ofNullable(topics);
  }

  /** Stops everything started, newest first; idempotent. */
  @Override
  public void close() {
    LocalAws starting = aws;
    if (starting != null) {
      starting.settle();
    }
    closeParts();
  }

  private synchronized void closeParts() {
    if (closed) {
      return;
    }
    closed = true;
    long began = System.nanoTime();
    parts.close();
    out.printf(Locale.ROOT, "[local] stopped everything in %.1f s%n", (System.nanoTime() - began) / 1e9);
    out.flush();
  }
}

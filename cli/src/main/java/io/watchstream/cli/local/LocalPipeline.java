package io.watchstream.cli.local;

import io.watchstream.ingest.IngestService;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.ApicurioRegistry;
import io.watchstream.testkit.EmbeddedKafka;
import io.watchstream.testkit.MotoServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    status.begin("Kafka broker (KRaft, in this JVM)");
    kafka = push("Kafka broker", EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(settings.kafkaPort())));
    TopicNames names = TopicNames.defaults();
    for (String topic : new String[] {names.metrics(), names.logs(), names.alerts(), names.scalingCommands(), names.anomalyScores()}) {
      kafka.createTopic(topic, TOPIC_PARTITIONS);
    }
    kafka.createCompactedTopic(names.rules(), 1);
    status.done(kafka.bootstrapServers());

    status.begin("schema registry (Apicurio; built from Maven Central on first use)");
    registry = push("schema registry", ApicurioRegistry.start(ApicurioRegistry.Options.inMemory().withPort(settings.registryPort())));
    topics = new Topics(names, new HttpSchemaRegistryClient(registry.ccompatUrl()));
    status.done(registry.ccompatUrl());

    Instant now = Instant.now();
    if (settings.useMoto()) {
      status.begin("AWS emulator (moto_server)");
      try {
        moto = push("moto_server", MotoServer.start(settings.motoPort()));
        status.done(moto.endpoint().toString());
      } catch (IllegalStateException e) {
        status.warn("not available: " + firstLine(e.getMessage()));
      }
    }
    if (moto != null) {
      status.begin("scenario: Auto Scaling group, metrics and /var/log/secure in moto");
      seeder = push("scenario seeder", new ScenarioSeeder(moto.endpoint()));
      Scenario scenario = seeder.createFleet(now);
      ScenarioSeeder.Written history = seeder.seedHistory(now);
      status.done(String.format(Locale.ROOT, "%s of %d instances %s; %d datapoints and %d log lines over the last %d minutes",
          Scenario.AUTO_SCALING_GROUP, Scenario.INITIAL_CAPACITY, scenario.fleet().all(), history.datapoints(),
          history.logLines(), Scenario.HISTORY_MINUTES));
      push("scenario clock", new ScenarioPump(seeder::playUntil, 5));

      status.begin("ingest (CloudWatch + CloudWatch Logs -> metrics, logs)");
      IngestService ingest = new IngestService(ingestConfig(), Clock.systemUTC()).start();
      Thread loop = new Thread(ingest::runUntilStopped, "ingest");
      loop.setDaemon(true);
      loop.start();
      push("ingest", ingest);
      status.done("polling " + moto.endpoint());
    } else {
      status.info(ansi.yellow("moto_server is not installed: replaying the bundled data files (examples/scenario/*.jsonl) "
          + "straight into the metrics and logs topics instead of running ingest; no scale-out will be visible. "
          + "For the full path: " + MotoServer.INSTALL_HINT));
      status.begin("scenario replay from examples/scenario (standing in for ingest)");
      KafkaScenarioReplayer replayer = push("scenario replay",
          new KafkaScenarioReplayer(kafka.bootstrapServers(), topics, ScenarioFiles.load(settings.examplesDir().resolve("scenario"), now)));
      int written = replayer.playUntil(now);
      push("scenario clock", new ScenarioPump(replayer::playUntil, 5));
      status.done(written + " records of history written, the rest plays live");
    }

    // TODO(processor, notifier): started here once their entry points land.

    alerts = push("console alerts", new ConsoleAlertPrinter(kafka.bootstrapServers(), topics.alerts(), out, ansi, startedNanos));
    if (seeder != null) {
      ScenarioSeeder s = seeder;
      scaling = push("scaling watch", new ScalingWatcher(Scenario.AUTO_SCALING_GROUP, s::desiredCapacity,
          Scenario.INITIAL_CAPACITY, out, ansi));
    }
    status.info(String.format(Locale.ROOT, "all parts up in %.1f s. Alerts print below as they happen%s. Ctrl-C stops everything.",
        (System.nanoTime() - startedNanos) / 1e9, settings.slackEnabled() ? " and go to Slack" : " (set SLACK_WEBHOOK_URL to send them to Slack too)"));
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

  private <T extends AutoCloseable> T push(String name, T part) {
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
  public synchronized void close() {
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

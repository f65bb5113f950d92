package io.watchstream.cli;

import io.watchstream.cli.local.Ansi;
import io.watchstream.cli.local.LocalPipeline;
import io.watchstream.cli.local.LocalSettings;
import io.watchstream.cli.local.Preflight;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import io.watchstream.sandbox.ProcessReaper;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchstream local}: the whole pipeline on this machine with a scripted incident scenario, no AWS account,
 * no Slack and no Docker. Runs until Ctrl-C (or {@code --for}), then stops every part it started. Exit code 2 when
 * a port is taken, Java is too old or the examples are missing; 1 when a part fails to start.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
    header = "Runs the whole pipeline on this machine: embedded Kafka, registry and moto, and a scripted incident.",
    description = {
        "Runs everything locally: an in-process Kafka broker, the Apicurio schema registry, moto_server seeded with an",
        "incident scenario, and ingest, processor and notifier with the bundled example rules.",
        "Alerts print to the console; with SLACK_WEBHOOK_URL (or SLACK_BOT_TOKEN and SLACK_CHANNEL) they also go to Slack."})
final class LocalCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka client port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int kafkaPort = LocalSettings.DEFAULT_KAFKA_PORT;

  @Option(names = "--registry-port", paramLabel = "PORT", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
  int registryPort = LocalSettings.DEFAULT_REGISTRY_PORT;

  @Option(names = "--moto-port", paramLabel = "PORT", description = "moto_server port (default: ${DEFAULT-VALUE}).")
  int motoPort = LocalSettings.DEFAULT_MOTO_PORT;

  @Option(names = "--examples", paramLabel = "DIR",
      description = "Bundled examples directory (default: examples/ of this checkout).")
  Path examples;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rule file for the processor (default: <examples>/rules.yaml).")
  Path rules;

  @Option(names = "--no-moto", description = "Do not use moto_server even if installed: replay the bundled data files instead.")
  boolean noMoto;

  @Option(names = "--for", paramLabel = "DURATION", description = "Stop by itself after this long (e.g. PT5M); default: until Ctrl-C.")
  Duration runFor;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (examples == null) {
      examples = defaultExamples();
    }
    // The registry is built from the checkout's sandbox/apicurio; tell the sandbox where that is when the command
    // runs from another directory.
    Path checkout = examples.toAbsolutePath().normalize().getParent();
    if (System.getProperty("watchstream.projectRoot") == null && checkout != null
        && Files.isRegularFile(checkout.resolve("mvnw"))) {
      System.setProperty("watchstream.projectRoot", checkout.toString());
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("--kafka-port", kafkaPort);
    ports.put("--registry-port", registryPort);
    if (!noMoto) {
      ports.put("--moto-port", motoPort);
    }
    List<String> problems = new java.util.ArrayList<>(Preflight.problems(Runtime.version().feature(), ports));
    Path rulesFile = rules != null ? rules : examples.resolve("rules.yaml");
    for (Path required : List.of(rulesFile, examples.resolve("ingest.yaml"), examples.resolve("scenario"))) {
      if (!Files.exists(required)) {
        problems.add("Missing " + required.toAbsolutePath() + ": run from the watchstream directory or pass --examples DIR.");
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("watchstream local: " + p));
      err.flush();
      return 2;
    }
    Map<String, String> env = System.getenv();
    quietLogs(env);
    LocalSettings settings = new LocalSettings(kafkaPort, registryPort, motoPort, examples, rulesFile, !noMoto,
        nonBlank(env.get("SLACK_WEBHOOK_URL")), nonBlank(env.get("SLACK_BOT_TOKEN")), nonBlank(env.get("SLACK_CHANNEL")),
        nonBlank(env.get("WATCHSTREAM_SLACK_API_URL")));
    LocalPipeline pipeline = new LocalPipeline(settings, out, Ansi.detect());
    CountDownLatch stopped = new CountDownLatch(1);
    // at Ctrl-C the services stop first, while the broker, the registry and moto_server they use are still up
    AutoCloseable atExit = () -> {
      pipeline.close();
      stopped.countDown();
    };
    ProcessReaper.closeFirstAtExit(atExit);
    try {
      pipeline.start();
      if (runFor == null) {
        stopped.await();
      } else {
        stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException e) {
      err.println("watchstream local: could not start: " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      pipeline.close(); // idempotent: at Ctrl-C the reaper's hook may be closing it at the same time
      ProcessReaper.forget(atExit);
    }
  }

  /**
   * The console is for alerts: services log at WARN (Kafka at ERROR) unless WATCHSTREAM_LOG_LEVEL says otherwise;
   * scaling decisions and their outcome stay visible at INFO because they are part of the story.
   */
  private static void quietLogs(Map<String, String> env) {
    if (env.containsKey("WATCHSTREAM_LOG_LEVEL")
        || !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback)) {
      return;
    }
    logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
    logback.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
    logback.getLogger("kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
    logback.getLogger("io.watchstream.notifier.scaling").setLevel(ch.qos.logback.classic.Level.INFO);
  }

  /** examples/ in the working directory, else next to the checkout this jar was built in (cli/target/watchstream.jar). */
  static Path defaultExamples() {
    Path here = Path.of("examples");
    if (Files.isDirectory(here)) {
      return here;
    }
    try {
      Path jar = Path.of(LocalCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("mvnw"))) {
          return dir.resolve("examples");
        }
      }
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
      // No code source (unusual class loader): fall back to the working directory, which the preflight reports.
    }
    return here;
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}

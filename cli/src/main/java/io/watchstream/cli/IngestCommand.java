package io.watchstream.cli;

import io.watchstream.ingest.IngestService;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchstream ingest --config FILE [--from T --to T]}: runs the ingest service until SIGTERM, or
 * with {@code --from/--to} backfills that range once and exits. Exit code 2 for an invalid configuration
 * or arguments, 1 when the service fails.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Reads CloudWatch metrics and logs into the metrics and logs topics, checkpointed in Kafka.",
    description = {
        "Reads CloudWatch metrics and CloudWatch Logs into the metrics and logs topics, checkpointed in Kafka.",
        "With --from/--to, backfills that range at a bounded rate and exits."})
final class IngestCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Ingest configuration (YAML or JSON).")
  Path config;

  @Option(names = "--from", paramLabel = "TIME", description = "Backfill start, inclusive (ISO instant or date, UTC), e.g. 2026-01-01T00:00:00Z.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Backfill end, exclusive (ISO instant or date, UTC). Defaults to now.")
  String to;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    IngestConfig cfg;
    Instant fromTime;
    Instant toTime;
    try {
      cfg = IngestConfigLoader.load(config, System.getenv());
      fromTime = from == null ? null : parseTime(from);
      toTime = to == null ? Instant.now() : parseTime(to);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (to != null && from == null) {
      err.println("--to needs --from");
      return 2;
    }
    if (fromTime != null && !fromTime.isBefore(toTime)) {
      err.println("--from must be before --to");
      return 2;
    }
    IngestService service = new IngestService(cfg, Clock.systemUTC());
    Thread hook = new Thread(service::close, "ingest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      service.start();
      if (fromTime != null) {
        long n = service.backfill(fromTime, toTime);
        spec.commandLine().getOut().printf("backfilled %d datapoints from %s to %s%n", n, fromTime, toTime);
      } else {
        service.runUntilStopped();
      }
      return 0;
    } catch (ConfigException e) {
      // a connection secret that cannot be read (read at start, not at load): a configuration problem
      err.println(e.getMessage());
      return ConfigException.EXIT_CODE;
    } catch (RuntimeException e) {
      err.println("ingest failed: " + e.getMessage());
      return 1;
    } finally {
      service.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Already shutting down: the hook is running and closes the service.
      }
    }
  }

  static Instant parseTime(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notDate) {
        throw new IllegalArgumentException("not a time: '" + text + "' (use 2026-01-01T00:00:00Z or 2026-01-01)");
      }
    }
  }
}

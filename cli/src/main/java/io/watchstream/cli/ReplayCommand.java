package io.watchstream.cli;

import io.watchstream.runtime.kafka.ConnectionFile;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.kafka.RegistrySettings;
import io.watchstream.cli.replay.CloudWatchBackfillSource;
import io.watchstream.cli.replay.ReplayConsoleSummary;
import io.watchstream.cli.replay.ReplaySourceOptions;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.replay.CsvSeriesMapping;
import io.watchstream.replay.Replay;
import io.watchstream.replay.ReplayInputException;
import io.watchstream.replay.ReplayRequest;
import io.watchstream.schemas.EventTimeLimits;
import io.watchstream.processor.rules.RuleFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchstream replay}: runs a stretch of history through one or two rule sets with the live
 * processor's topology (broker-less, in event time) and reports what each would have done. One source, chosen
 * explicitly: {@code --input} files, {@code --from/--to} of the Kafka topics, or {@code --cloudwatch --from/--to}
 * backfilled through ingest's code; an option of another source is an argument error. Exit codes: 0 done,
 * 2 invalid rules, ingest configuration or arguments, 1 unusable input (unreadable file, empty range, broker or
 * endpoint unreachable).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    header = "Runs a stretch of history through old and new rules, away from the live pipeline.",
    description = {
        "Replays one source through the processor's rules, without touching the live",
        "pipeline. Sources (exactly one):",
        "  --input FILE_OR_DIR  NAB-style CSV (timestamp,value), or JSON lines of",
        "                       metric datapoints and log events; a directory is",
        "                       merged on one clock",
        "  --from T --to T      a time range of the metrics/logs topics",
        "  --cloudwatch --from T --to T --ingest-config INGEST.yaml",
        "                       CloudWatch metrics and log groups selected by an",
        "                       ingest configuration, read by ingest's backfill",
        "                       code into memory (nothing is written to Kafka)",
        "With --candidate, compares two rule sets: alerts added, removed and shifted,",
        "time in ALARM, Slack messages, scaling commands; with --windows (NAB windows",
        "JSON), precision, recall, detection delay and NAB score."})
final class ReplayCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  static final class Source {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE_OR_DIR", description = "CSV / JSON-lines file or a directory of them.")
    Path input;

    @ArgGroup(exclusive = false)
    TimeRange range;
  }

  static final class TimeRange {
    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Range start, inclusive (ISO instant or date, UTC).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "Range end, exclusive (ISO instant or date, UTC).")
    String to;

    @Option(names = "--cloudwatch", description = "Read the range from CloudWatch (with --ingest-config) instead of the metrics/logs topics.")
    boolean cloudWatch;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--ingest-config", paramLabel = "INGEST.yaml",
      description = "With --cloudwatch: ingest configuration whose metric selectors and log groups to read (its kafka, http and shard settings are not used).")
  Path ingestConfig;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "With --cloudwatch: CloudWatch endpoint instead of the configuration's aws.endpoint (e.g. moto_server).")
  String endpointUrl;

  @Option(names = "--bootstrap-servers", defaultValue = "${env:WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}", paramLabel = "HOSTS",
      description = "Kafka to read --from/--to from (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--schema-registry", defaultValue = "${env:WATCHSTREAM_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}",
      paramLabel = "URL", description = "Schema registry (Confluent API) for --from/--to (default: ${DEFAULT-VALUE}).")
  String schemaRegistry;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "For --from/--to: a YAML file with a kafka: section (bootstrapServers, schemaRegistryUrl, properties,"
          + " registry), as in the services' files, for a secured cluster and registry. The WATCHSTREAM_KAFKA_* and"
          + " WATCHSTREAM_SCHEMA_REGISTRY_* variables apply with or without it.")
  Path kafkaConfig;

  @Option(names = "--metrics-topic", defaultValue = "metrics", description = "Metrics topic to read (default: ${DEFAULT-VALUE}).")
  String metricsTopic;

  @Option(names = "--logs-topic", defaultValue = "logs", description = "Logs topic to read (default: ${DEFAULT-VALUE}).")
  String logsTopic;

  @Option(names = {"-r", "--rules"}, required = true, paramLabel = "RULES.yaml", description = "Rule file (the baseline).")
  Path rules;

  @Option(names = "--candidate", paramLabel = "RULES2.yaml", description = "Second rule file to compare with --rules.")
  Path candidate;

  @Option(names = "--windows", paramLabel = "LABELS.json", description = "Labelled incident windows, NAB windows format.")
  Path windows;

  @Option(names = "--report", paramLabel = "OUT.html", description = "Self-contained HTML report.")
  Path report;

  @Option(names = "--json", paramLabel = "OUT.json", description = "Machine-readable summary.")
  Path json;

  @Option(names = "--transitions", paramLabel = "OUT.jsonl", description = "Every alert transition, one JSON object per line.")
  Path transitions;

  @Option(names = "--series", paramLabel = "NAME", description = "Series name for a single CSV file (default: the file name).")
  String series;

  @Option(names = "--csv-namespace", defaultValue = CsvSeriesMapping.DEFAULT_NAMESPACE,
      description = "Namespace of CSV series (default: ${DEFAULT-VALUE}).")
  String csvNamespace;

  @Option(names = "--csv-metric", defaultValue = CsvSeriesMapping.DEFAULT_METRIC,
      description = "Metric name of CSV series (default: ${DEFAULT-VALUE}); the series name is dimension 'Series'.")
  String csvMetric;

  @Option(names = "--csv-period", defaultValue = "0", paramLabel = "SECONDS",
      description = "Period of CSV datapoints in seconds (default: inferred from the smallest gap).")
  int csvPeriod;

  @Option(names = "--publish", description = "With --from/--to: also write each rule set's alerts and scaling commands to the"
      + " replay's own topics <prefix><rules|candidate>.alerts / .scaling-commands (never the live ones).")
  boolean publish;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX",
      description = "Prefix of the replay's own topic names (default: replay-<random>.).")
  String topicPrefix;

  /** --kafka-config (if given) with the environment; --bootstrap-servers and --schema-registry win when given. */
  private KafkaConnection kafkaConnection() {
    var parsed = spec.commandLine().getParseResult();
    if (kafkaConfig != null) {
      return ConnectionFile.load(kafkaConfig, parsed.hasMatchedOption("--bootstrap-servers") ? bootstrapServers : null,
          parsed.hasMatchedOption("--schema-registry") ? schemaRegistry : null, System.getenv());
    }
    return KafkaConnection.resolve("kafka", bootstrapServers, java.util.Map.of(), schemaRegistry, RegistrySettings.NONE,
        System.getenv());
  }

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    boolean files = source.input != null;
    String problem = ReplaySourceOptions.problem(spec.commandLine().getParseResult(), files,
        !files && source.range.cloudWatch, ingestConfig != null);
    if (problem != null) {
      err.println(problem);
      return 2;
    }
    ReplayRequest.Input input;
    try {
      if (files) {
        CsvSeriesMapping csv = new CsvSeriesMapping(csvNamespace, csvMetric, CsvSeriesMapping.DEFAULT_DIMENSION, "Average", csvPeriod, series);
        input = new ReplayRequest.Files(source.input, csv);
      } else {
        Instant from = parseTime(source.range.from);
        Instant to = parseTime(source.range.to);
        if (!from.isBefore(to)) {
          throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        input = source.range.cloudWatch
            ? CloudWatchBackfillSource.load(ingestConfig, System.getenv(), endpointUrl, from, to)
            : new ReplayRequest.Kafka(kafkaConnection(), metricsTopic, logsTopic, from, to, publish);
      }
    } catch (ConfigException e) {
      // one line per problem, each naming file:line:col and field
      err.println(e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    String prefix = topicPrefix != null ? topicPrefix : "replay-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    try {
      Replay.Outcome o = new Replay()
          .run(new ReplayRequest(input, rules, candidate, windows, report, json, transitions, prefix));
      ReplayConsoleSummary.print(out, o);
      return 0;
    } catch (RuleFileException e) {
      e.allProblems().forEach(err::println);
      return RuleFileException.EXIT_CODE;
    } catch (ReplayInputException e) {
      err.println(e.getMessage());
      return ReplayInputException.EXIT_CODE;
    }
  }

  static Instant parseTime(String text) {
    Instant t;
    try {
      t = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO instant (2026-01-01T00:00:00Z) or date (2026-01-01)");
    }
    // the same range as file input: no record is older, and a later --to would overflow the replay's clock
    String refused = EventTimeLimits.problem(t);
    if (refused != null) {
      throw new IllegalArgumentException("'" + text + "' " + refused);
    }
    return t;
  }
}

package io.watchstream.bench;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.BenchSettings;
import io.watchstream.bench.harness.BenchmarksFile;
import io.watchstream.bench.harness.Machine;
import io.watchstream.bench.phases.AlertLatencyPhase;
import io.watchstream.bench.phases.IngestThroughputPhase;
import io.watchstream.bench.phases.JmhPhase;
import io.watchstream.bench.phases.LivePipeline;
import io.watchstream.bench.phases.LiveProcessor;
import io.watchstream.bench.phases.NotifierThroughputPhase;
import io.watchstream.bench.phases.PeerLatencyPhase;
import io.watchstream.bench.phases.ReplayPhase;
import io.watchstream.bench.phases.Phase;
import io.watchstream.bench.phases.SerdePhase;
import io.watchstream.bench.phases.ThroughputPhase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness: starts a real broker and registry, runs each phase, prints one table and appends it to
 * BENCHMARKS.md with the date, the machine and the command. A phase that fails adds a "failed" row and the run
 * goes on, so one broken service does not hide the other figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure watchstream on the real in-JVM broker and registry and append the results to BENCHMARKS.md.")
public final class BenchMain implements Callable<Integer> {

  @Option(names = "--series", description = "Series in the throughput workload (default: ${DEFAULT-VALUE}).")
  int series = BenchSettings.defaults().series();

  @Option(names = "--periods", description = "Datapoints per series in the throughput workload (default: ${DEFAULT-VALUE}).")
  int periods = BenchSettings.defaults().periods();

  @Option(names = "--partitions", description = "Partitions of the metrics topic (default: ${DEFAULT-VALUE}).")
  int partitions = BenchSettings.defaults().partitions();

  @Option(names = "--latency-samples", description = "Transitions timed for alert latency (default: ${DEFAULT-VALUE}).")
  int latencySamples = BenchSettings.defaults().latencySamples();

  @Option(names = "--replay-records", description = "Datapoints in the replay file (default: ${DEFAULT-VALUE}).")
  int replayRecords = BenchSettings.defaults().replayRecords();

  @Option(names = "--ingest-series", description = "Series put into moto for ingest (default: ${DEFAULT-VALUE}).")
  int ingestSeries = BenchSettings.defaults().ingestSeries();

  @Option(names = "--ingest-periods", description = "Datapoints per ingest series (default: ${DEFAULT-VALUE}).")
  int ingestPeriods = BenchSettings.defaults().ingestPeriods();

  @Option(names = "--notifier-alerts", description = "Alerts delivered to the Slack stand-in (default: ${DEFAULT-VALUE}).")
  int notifierAlerts = BenchSettings.defaults().notifierAlerts();

  @Option(names = "--serde-records", description = "Records encoded and decoded (default: ${DEFAULT-VALUE}).")
  int serdeRecords = BenchSettings.defaults().serdeRecords();

  @Option(names = "--throughput-rounds",
      description = "Pass-through/processor pairs in the throughput phase, run alternately (default: ${DEFAULT-VALUE}).")
  int throughputRounds = BenchSettings.defaults().throughputRounds();

  @Option(names = "--no-peer", negatable = true, description = "Skip the Prometheus/Alertmanager comparison.")
  boolean peer = true;

  @Option(names = "--only", split = ",", description = "Run only these phases: ${COMPLETION-CANDIDATES}.")
  List<String> only = List.of();

  @Option(names = "--results", description = "File the results are appended to (default: ${DEFAULT-VALUE}); 'none' to skip.")
  String results = "BENCHMARKS.md";

  @Option(names = "--command-line", hidden = true, description = "The command as typed, for BENCHMARKS.md (set by bench/run).")
  String commandLine = "bench/run";

  @Option(names = "--commit", hidden = true, description = "Git commit of the build (set by bench/run).")
  String commit = "unknown";

  public static void main(String[] args) {
    int code = new CommandLine(new BenchMain()).execute(args);
    // Kafka, Streams and HTTP client threads may linger; the table is printed and written.
    System.exit(code);
  }

  @Override
  public Integer call() {
    BenchSettings settings = new BenchSettings(series, periods, partitions, latencySamples, replayRecords,
        ingestSeries, ingestPeriods, notifierAlerts, serdeRecords, peer, throughputRounds);
    Machine machine = Machine.current();
    System.out.println("[bench] " + machine.describe());
    long began = System.nanoTime();
    int failures = 0;
    try (BenchContext context = BenchContext.start(settings)) {
      List<Phase> selected = phases().stream().filter(p -> only.isEmpty() || only.contains(p.name())).toList();
      // each phase alone on the machine: prepared just before it runs (the peer's Prometheus and services start
      // and stop within its own phase), with the load it ran under in the table
      for (Phase phase : selected) {
        System.out.println("[bench] phase " + phase.name());
        try {
          phase.prepare(context);
        } catch (Exception | AssertionError e) {
          failures++;
          e.printStackTrace();
          context.table().add(phase.name() + " phase", "FAILED", "prepare: " + e.getClass().getSimpleName() + ": " + e.getMessage());
          continue;
        }
        try {
          phase.run(context);
        } catch (Exception | AssertionError e) {
          failures++;
          e.printStackTrace();
          context.table().add(phase.name() + " phase", "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        context.table().add("load average after " + phase.name(), Machine.currentLoadAverage(),
            "1 / 5 / 15 min; the 1-minute figure above 2 means other work shared the 2 cores during the phase");
      }
      context.table().add("load average at the end", Machine.currentLoadAverage(), "1 / 5 / 15 min; above 2 means other work shared the 2 cores");
      context.table().add("benchmark wall time", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - began) / 1e9),
          "all phases, including start-up of broker and registry");
      System.out.println();
      System.out.println(context.table().markdown());
      if (!"none".equals(results)) {
        new BenchmarksFile(Path.of(results)).append(commandLine, machine, commit, context.table());
        System.out.println("[bench] appended to " + Path.of(results).toAbsolutePath());
      }
    }
    return failures == 0 ? 0 : 1;
  }

  private List<Phase> phases() {
    List<Phase> phases = new ArrayList<>();
    phases.add(new JmhPhase());
    phases.add(new SerdePhase());
    phases.add(new ThroughputPhase(Optional.of(LiveProcessor.underTest())));
    phases.add(new AlertLatencyPhase());
    phases.add(new NotifierThroughputPhase());
    phases.add(new ReplayPhase());
    phases.add(new IngestThroughputPhase());
    if (peer) {
      // Last: it waits minutes for Prometheus's default intervals
      phases.add(new PeerLatencyPhase(Optional.of(new LivePipeline())));
    }
    return phases;
  }
}

package io.watchstream.replay;

import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Replay throughput harness (a main, not a test): threshold rules from a file source through the
 * processor's rule processors (in-memory engine by default). Reads the input once, then times {@code runs} replays and
 * prints datapoints/s for each (the first includes JIT warm-up). The input is a file or directory, or
 * {@code synthetic:SERIES:PERIODS} for SERIES CSV files sharing the same 1-minute timestamps.
 *
 * <pre>
 * ./mvnw -B -q -o -pl replay -am test-compile
 * java -cp "replay/target/test-classes:replay/target/classes:processor/target/classes:$(cat cp.txt)" \
 *   io.watchstream.replay.ReplayBenchmark /work/shared/data/nab/realAWSCloudwatch \
 *   replay/src/test/resources/replay/nab-rules.yaml 3
 * </pre>
 */
public final class ReplayBenchmark {

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    String source = args.length > 0 ? args[0] : SharedData.nab().map(p -> p.resolve("realAWSCloudwatch").toString()).orElse("../shared/data/nab/realAWSCloudwatch");
    Path rulesFile = Path.of(args.length > 1 ? args[1] : "replay/src/test/resources/replay/nab-rules.yaml");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long t0 = System.nanoTime();
    Path input;
    if (source.startsWith("synthetic:")) {
      // synthetic:SERIES:PERIODS -> a directory of CSVs, all series on the same 1-minute timestamps (CloudWatch-like)
      String[] p = source.split(":");
      input = synthetic(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    } else {
      input = Path.of(source);
    }
    List<ReplayRecord> records = FileInputs.read(input, CsvSeriesMapping.defaults());
    double readS = (System.nanoTime() - t0) / 1e9;
    List<LoadedRule> rules = new RuleFileLoader().load(rulesFile);
    System.out.printf("input %s: %d datapoints read and merged in %.2f s (%.0f/s); %d rules%n",
        input, records.size(), readS, records.size() / readS, rules.size());
    // -Dengine=driver: the topology in a TopologyTestDriver (slow; the reference the in-memory engine is tested against)
    int threads = Integer.getInteger("threads", Runtime.getRuntime().availableProcessors());
    ReplayEngine runner = "driver".equals(System.getProperty("engine"))
        ? new TopologyDriverEngine(TopologyDriverEngine.TopologyFactory.processor(), "bench.", false)
        : new io.watchstream.replay.engine.InMemoryReplayEngine(
            io.watchstream.processor.app.ProcessorConfig.defaults(), false, threads);
    System.out.printf("engine: %s, %d threads%n", runner.getClass().getSimpleName(), threads);
    for (int i = 1; i <= runs; i++) {
      // CPU time of the process as well as wall time: on a shared machine wall time also measures the neighbours
      long cpu0 = processCpuNanos();
      RunResult r = runner.run("bench", rules, records);
      double cpuS = (processCpuNanos() - cpu0) / 1e9;
      System.out.printf("run %d: %d datapoints in %.2f s wall = %.0f datapoints/s; %.2f s CPU = %.0f datapoints per CPU-second; %d transitions%n",
          i, r.inputRecords(), r.elapsedNanos() / 1e9, r.recordsPerSecond(), cpuS, r.inputRecords() / cpuS, r.transitions().size());
    }
  }

  /** Writes {@code series} CSV files of {@code periods} 1-minute datapoints (a slow sine plus a daily bump) to a temp dir. */
  static Path synthetic(int series, int periods) throws java.io.IOException {
    Path dir = java.nio.file.Files.createTempDirectory("replay-bench-");
    java.time.LocalDateTime start = java.time.LocalDateTime.of(2026, 1, 1, 0, 0);
    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (int s = 0; s < series; s++) {
      StringBuilder b = new StringBuilder("timestamp,value\n");
      for (int i = 0; i < periods; i++) {
        double v = 50 + 30 * Math.sin((i + s * 7) / 40.0) + ((i + s) % 500 < 10 ? 40 : 0);
        b.append(start.plusMinutes(i).format(f)).append(',').append(Math.round(v * 100) / 100.0).append('\n');
      }
      java.nio.file.Files.writeString(dir.resolve(String.format("ec2_cpu_utilization_%05d.csv", s)), b);
    }
    return dir;
  }

  private ReplayBenchmark() {}
}

package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.HeapSampler;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.replay.CsvSeriesMapping;
import io.watchstream.replay.FileInputs;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.replay.RunResult;
import io.watchstream.replay.engine.InMemoryReplayEngine;
import io.watchstream.processor.rules.RuleFileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Replay throughput from files: {@code replayRecords} datapoints of the synthetic fleet written as NAB-style CSV
 * files, one per instance (the common replay input), read back with the replay reader and run through the
 * processor's rule processors by the in-memory engine that {@code watchstream replay} uses (no broker) with the
 * three benchmark rules. The engine runs once cold and then {@value #WARM_RUNS} times warm on the same input;
 * reported are the median warm rate, the cold rate, the file-reading rate, and file → transitions (reading plus
 * one warm run).
 */
public final class ReplayPhase implements Phase {

  static final int WARM_RUNS = 5;

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public void run(BenchContext context) throws Exception {
    int records = context.settings().replayRecords();
    int series = Math.min(1_000, records);
    int periods = Math.max(1, records / series);
    Path dir = context.dir("replay");
    LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(2);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    String[] stamps = new String[periods];
    for (int p = 0; p < periods; p++) {
      stamps[p] = start.plusMinutes(p).format(f);
    }
    long bytes = 0;
    for (int s = 0; s < series; s++) {
      StringBuilder b = new StringBuilder(periods * 28).append("timestamp,value\n");
      for (int p = 0; p < periods; p++) {
        // Every 40th period spikes, so the replay also produces transitions.
        double value = p % 40 == 39 ? 95.0 : SyntheticSeries.calmValue(s, p);
        b.append(stamps[p]).append(',').append(value).append('\n');
      }
      Path file = dir.resolve(SyntheticSeries.instanceId(s) + ".csv");
      Files.writeString(file, b);
      bytes += Files.size(file);
    }
    CsvSeriesMapping fleet = new CsvSeriesMapping(SyntheticSeries.NAMESPACE, SyntheticSeries.METRIC, "InstanceId",
        SyntheticSeries.STATISTIC, SyntheticSeries.PERIOD_SECONDS, null);
    var rules = new RuleFileLoader().parse("bench-rules.yaml", BenchRules.THREE_PER_SERIES);
    InMemoryReplayEngine engine = InMemoryReplayEngine.withDefaults(false);

    context.heap().beginPhase();
    long began = System.nanoTime();
    List<ReplayRecord> input = FileInputs.read(dir, fleet);
    double readSeconds = (System.nanoTime() - began) / 1e9;
    RunResult cold = engine.run("bench", rules, input);
    double[] warm = new double[WARM_RUNS];
    for (int i = 0; i < WARM_RUNS; i++) {
      warm[i] = engine.run("bench", rules, input).elapsedNanos() / 1e9;
    }
    HeapSampler.Peak heap = context.heap().endPhase();
    Arrays.sort(warm);
    double median = warm[WARM_RUNS / 2];
    String how = String.format(Locale.ROOT, "%,d datapoints (%d CSV files × %d periods, %.0f MB), 3 threshold rules/series,"
        + " %,d transitions, %d threads", cold.inputRecords(), series, periods, bytes / 1e6, cold.transitions().size(),
        Runtime.getRuntime().availableProcessors());
    context.table().add("replay engine throughput (median of " + WARM_RUNS + " warm runs)", rate(input.size() / median), how
        + "; target ≥ 1,000,000 /s (issue 7)");
    context.table().add("replay engine throughput (first, cold run)", rate(cold.recordsPerSecond()), "same input, JIT not yet warm");
    context.table().add("replay file reading (CSV parse + merge)", rate(input.size() / readSeconds), "same files, read once");
    context.table().add("replay file → transitions", rate(input.size() / (readSeconds + median)), "reading plus one warm run");
    context.table().add("peak heap: replay", heap.describe(), "JVM heap incl. broker (idle); the whole input is held in memory");
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f /s", perSecond);
  }
}

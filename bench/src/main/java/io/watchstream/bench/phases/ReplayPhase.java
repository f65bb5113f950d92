package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.HeapSampler;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.processor.replay.JsonLinesReader;
import io.watchstream.processor.replay.ReplayRecord;
import io.watchstream.processor.replay.ReplayRunner;
import io.watchstream.processor.replay.RunResult;
import io.watchstream.processor.rules.RuleFileLoader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Replay throughput from a file: {@code replayRecords} datapoints of the synthetic fleet written as JSON lines
 * (the replay input contract), read back with the replay reader and run through the processor topology by
 * {@link ReplayRunner} (no broker) with the three benchmark rules. Reports the replay engine's records/s and the
 * whole file → transitions rate including parsing.
 */
public final class ReplayPhase implements Phase {

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public void run(BenchContext context) throws Exception {
    int records = context.settings().replayRecords();
    int series = Math.min(2_000, records);
    int periods = Math.max(1, records / series);
    Path file = context.dir("replay").resolve("metrics.jsonl");
    long start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).toEpochMilli();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int p = 0; p < periods; p++) {
        long ts = start + p * 60_000L;
        for (int s = 0; s < series; s++) {
          // Every 40th period spikes, so the replay also produces transitions.
          double value = p % 40 == 39 ? 95.0 : SyntheticSeries.calmValue(s, p);
          out.write(String.format(Locale.ROOT,
              "{\"namespace\":\"AWS/EC2\",\"metricName\":\"CPUUtilization\",\"dimensions\":[{\"name\":\"InstanceId\","
                  + "\"value\":\"%s\"}],\"timestamp\":%d,\"value\":%s,\"unit\":\"Percent\",\"statistic\":\"Average\","
                  + "\"periodSeconds\":60}%n", SyntheticSeries.instanceId(s), ts, Double.toString(value)));
        }
      }
    }
    long bytes = Files.size(file);
    context.heap().beginPhase();
    long began = System.nanoTime();
    List<? extends ReplayRecord> input = JsonLinesReader.read(file);
    RunResult result = new ReplayRunner(ReplayRunner.TopologyFactory.processor(), "replay.", false)
        .run("bench", new RuleFileLoader().parse("bench-rules.yaml", BenchRules.THREE_PER_SERIES), input);
    double total = (System.nanoTime() - began) / 1e9;
    HeapSampler.Peak heap = context.heap().endPhase();
    String how = String.format(Locale.ROOT, "%,d datapoints (%d series × %d periods, %.0f MB JSON lines), 3 rules/series,"
        + " %,d transitions", result.inputRecords(), series, periods, bytes / 1e6, result.transitions().size());
    context.table().add("replay throughput (topology only)", String.format(Locale.ROOT, "%,.0f /s", result.recordsPerSecond()), how);
    context.table().add("replay throughput (file → transitions)", String.format(Locale.ROOT, "%,.0f /s", input.size() / total),
        "same run, including reading and parsing the file");
    context.table().add("peak heap: replay", heap.describe(), "JVM heap incl. broker (idle)");
  }
}

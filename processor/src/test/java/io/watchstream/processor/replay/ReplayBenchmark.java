package io.watchstream.processor.replay;

import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Replay throughput harness (a main, not a test): threshold rules from a file source through the
 * processor topology in a TopologyTestDriver. Reads the input once, then times {@code runs} replays and
 * prints datapoints/s for each (the first includes JIT warm-up).
 *
 * <pre>
 * ./mvnw -B -q -o -pl processor test-compile
 * java -cp "processor/target/test-classes:processor/target/classes:$(cat cp.txt)" \
 *   io.watchstream.processor.replay.ReplayBenchmark /work/shared/data/nab/realAWSCloudwatch \
 *   processor/src/test/resources/replay/nab-rules.yaml 3
 * </pre>
 */
public final class ReplayBenchmark {

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args.length > 0 ? args[0] : "/work/shared/data/nab/realAWSCloudwatch");
    Path rulesFile = Path.of(args.length > 1 ? args[1] : "processor/src/test/resources/replay/nab-rules.yaml");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long t0 = System.nanoTime();
    List<ReplayRecord> records = FileInputs.read(input, CsvSeriesMapping.defaults());
    double readS = (System.nanoTime() - t0) / 1e9;
    List<LoadedRule> rules = new RuleFileLoader().load(rulesFile);
    System.out.printf("input %s: %d datapoints read and merged in %.2f s (%.0f/s); %d rules%n",
        input, records.size(), readS, records.size() / readS, rules.size());
    ReplayRunner runner = new ReplayRunner(ReplayRunner.TopologyFactory.processor(), "bench.", false);
    for (int i = 1; i <= runs; i++) {
      RunResult r = runner.run("bench", rules, records);
      System.out.printf("run %d: %d datapoints in %.2f s = %.0f datapoints/s, %d transitions%n",
          i, r.inputRecords(), r.elapsedNanos() / 1e9, r.recordsPerSecond(), r.transitions().size());
    }
  }

  private ReplayBenchmark() {}
}

package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Short JMH runs of the hot inner code (serde, rule evaluation, anomaly model update) in a forked JVM, so their
 * figures sit in the same table. One fork, one 1 s warm-up and two 1 s measurements each: indicative, not
 * publication-grade; {@code bench/run jmh} runs them with JMH's full options.
 */
public final class JmhPhase implements Phase {

  @Override
  public String name() {
    return "jmh";
  }

  @Override
  public void run(BenchContext context) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("io\\.watchstream\\.bench\\.jmh\\..*")
        .forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
        .measurementIterations(2).measurementTime(TimeValue.seconds(1))
        .jvmArgs("-Xmx512m")
        .build()).run();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replace("io.watchstream.bench.jmh.", "");
      String param = r.getParams().getParamsKeys().stream().map(k -> k + "=" + r.getParams().getParam(k))
          .reduce((a, b) -> a + "," + b).map(p -> " (" + p + ")").orElse("");
      context.table().add("JMH " + name + param,
          String.format(Locale.ROOT, "%,.0f ops/s", r.getPrimaryResult().getScore()),
          "1 thread, 1 fork, 1×1 s warm-up, 2×1 s measurement");
    }
  }
}

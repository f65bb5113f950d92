package io.watchstream.bench.jmh;

import io.watchstream.processor.anomaly.AdaptiveBaseline;
import io.watchstream.processor.anomaly.AnomalySettings;
import io.watchstream.processor.anomaly.ModelKind;
import io.watchstream.processor.anomaly.Score;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One anomaly-model update (score the datapoint, then learn it) per call, on a daily-seasonal CPU-like series. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ModelUpdateBenchmark {

  @Param({"ROBUST", "SEASONAL"})
  public String kind;

  private AdaptiveBaseline model;
  private long t;
  private long i;

  @Setup
  public void setUp() {
    model = new AdaptiveBaseline(ModelKind.valueOf(kind), AnomalySettings.DEFAULTS);
    t = 1_700_000_000_000L;
    for (int k = 0; k < 3 * 1440; k++) {
      update();
    }
  }

  @Benchmark
  public Score update() {
    t += 60_000L;
    i++;
    double daily = 40 + 20 * Math.sin(2 * Math.PI * (i % 1440) / 1440.0);
    return model.update(t, daily + ((i * 7919) % 13) - 6);
  }
}

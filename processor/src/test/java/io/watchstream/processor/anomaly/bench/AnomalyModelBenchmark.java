package io.watchstream.processor.anomaly.bench;

import io.watchstream.processor.anomaly.AdaptiveBaseline;
import io.watchstream.processor.anomaly.AnomalySettings;
import io.watchstream.processor.anomaly.ModelKind;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of one model update + score (datapoints per second on one thread), per model kind, on a
 * daily-cycle series with noise and occasional spikes at 5-minute resolution.
 * Run (after {@code ./mvnw -pl processor test-compile}):
 * {@code java -cp processor/target/test-classes:processor/target/classes:$(cat cp.txt) org.openjdk.jmh.Main AnomalyModelBenchmark}
 * where cp.txt comes from {@code ./mvnw -pl processor dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AnomalyModelBenchmark {

  static final int N = 4096;
  static final long STEP = 5 * 60_000L;

  @Param({"robust", "seasonal", "auto"})
  String model;

  long[] timestamps;
  double[] values;
  AdaptiveBaseline baseline;
  long offset;

  @Setup
  public void setUp() {
    Random r = new Random(42);
    timestamps = new long[N];
    values = new double[N];
    for (int i = 0; i < N; i++) {
      timestamps[i] = i * STEP;
      values[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() + (r.nextInt(500) == 0 ? 40 : 0);
    }
    baseline = new AdaptiveBaseline(ModelKind.parse(model), AnomalySettings.DEFAULTS);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void updateAndScore(Blackhole bh) {
    // time keeps moving forward across invocations, as in a live stream
    long base = offset;
    for (int i = 0; i < N; i++) {
      bh.consume(baseline.update(base + timestamps[i], values[i]).score());
    }
    offset += N * STEP;
  }
}

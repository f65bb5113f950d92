package io.watchstream.bench.jmh;

import io.watchstream.avro.AlarmState;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.eval.MofNEvaluator;
import io.watchstream.processor.eval.SeriesState;
import io.watchstream.processor.eval.ThresholdEvaluator;
import io.watchstream.processor.rules.Comparison;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.processor.rules.ThresholdRule;
import io.watchstream.processor.rules.TreatMissingData;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The processor's per-datapoint work for one (rule, series): admit the datapoint into its period bucket and
 * advance the evaluation (M of N with missing-data handling), for the 2-of-3 benchmark rule; and the M-of-N
 * decision on its own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RuleEvaluationBenchmark {

  private static final long PERIOD = 60_000L;

  private ThresholdEvaluator evaluator;
  private SeriesState state;
  private long t;
  private MofNEvaluator mofN;
  private List<Double> range;

  @Setup
  public void setUp() throws Exception {
    ThresholdRule rule = (ThresholdRule) new RuleFileLoader().parse("bench.yaml", BenchRules.THREE_PER_SERIES)
        .get(1).rule();
    evaluator = new ThresholdEvaluator(rule);
    state = new SeriesState(rule.id(), "AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60");
    t = 1_700_000_000_000L;
    mofN = new MofNEvaluator(2, 3, TreatMissingData.MISSING, Comparison.GREATER, 80.0);
    range = Arrays.asList(91.0, null, 12.0, 95.0, 97.0);
  }

  @Benchmark
  public List<Emission> admitAndAdvance() {
    t += PERIOD;
    // Flips across the 80 % threshold every few periods, so transitions are computed too.
    double value = (t / PERIOD) % 5 < 2 ? 95.0 : 20.0;
    evaluator.admit(state, value, "Average", 60, t, null, t);
    return evaluator.advance(state, t + PERIOD);
  }

  @Benchmark
  public MofNEvaluator.Outcome mOfNDecision() {
    return mofN.evaluate(range, AlarmState.OK);
  }
}

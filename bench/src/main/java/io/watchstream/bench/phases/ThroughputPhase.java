package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.HeapSampler;
import io.watchstream.bench.harness.Machine;
import io.watchstream.bench.harness.StreamsRunner;
import io.watchstream.bench.workload.MetricsWorkload;
import io.watchstream.pipeline.Pipeline;
import io.watchstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Processor throughput against a pass-through Kafka Streams topology on the same input topic in the same run.
 * Writes {@code series × periods} datapoints once, then lets each application consume all of them under a fresh
 * application id, exactly-once, one stream thread each, one after the other (never concurrently: they would
 * share the two cores). The ratio processor / pass-through is the figure issue 4 sets at ≥ 0.5.
 *
 * <p>The machine's load drifts during a run (other work shares the cores), so the pair is run
 * {@code throughputRounds} times alternately — pass-through, processor, pass-through, processor, … — and each
 * round's ratio is reported with the load average at its end; the headline ratio is the median of the rounds.
 */
public final class ThroughputPhase implements Phase {

  private final Optional<ProcessorUnderTest> processor;

  public ThroughputPhase(Optional<ProcessorUnderTest> processor) {
    this.processor = processor;
  }

  @Override
  public String name() {
    return "throughput";
  }

  @Override
  public void run(BenchContext context) throws Exception {
    var s = context.settings();
    Topics topics = context.topics("tp.");
    Pipeline.ensureTopics(context.bootstrap(), topics.names(), s.partitions());
    context.kafka().createTopic("tp.passthrough-out", s.partitions());
    // Start well in the past, aligned to a minute, so every period is complete.
    long start = Instant.now().minus(Duration.ofMinutes(s.periods() + 5L)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
    MetricsWorkload.Written written = MetricsWorkload.produce(context.bootstrap(), topics.metrics(), s.series(), s.periods(), start);
    String workload = String.format(Locale.ROOT, "%,d series × %d periods = %,d datapoints, %d partitions, EOS v2, 1 thread",
        s.series(), s.periods(), written.records(), s.partitions());
    context.table().add("workload produce rate (bench producer)", SerdePhase.rate(written.records() / written.seconds()),
        workload);

    int rounds = Math.max(1, s.throughputRounds());
    List<Double> baselines = new ArrayList<>();
    List<Double> measured = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    HeapSampler.Peak baselineHeap = null;
    HeapSampler.Peak heap = null;
    for (int round = 0; round < rounds; round++) {
      context.heap().beginPhase();
      String passThroughId = "bench-passthrough-" + round;
      StreamsRunner.Consumed baseline;
      try (KafkaStreams passThrough = new KafkaStreams(PassThroughTopology.build(topics.metrics(), "tp.passthrough-out"),
          StreamsRunner.baseProperties(context.bootstrap(), passThroughId, context.dir("state-passthrough-" + round)))) {
        baseline = StreamsRunner.runUntilCaughtUp(passThrough, context.bootstrap(), passThroughId,
            topics.metrics().name(), Duration.ofMinutes(5));
      }
      baselineHeap = larger(baselineHeap, context.heap().endPhase());
      baselines.add(baseline.perSecond());
      if (processor.isEmpty()) {
        continue;
      }
      context.heap().beginPhase();
      StreamsRunner.Consumed run = processor.get().consumeAll(context, topics, s.series(), round);
      heap = larger(heap, context.heap().endPhase());
      measured.add(run.perSecond());
      ratios.add(run.perSecond() / baseline.perSecond());
      cpuRatios.add(run.perCpuSecond() / baseline.perCpuSecond());
      String line = String.format(Locale.ROOT, "pass-through %s, processor %s (per JVM CPU-second: %s vs %s, ratio %.2f), load %s",
          SerdePhase.rate(baseline.perSecond()), SerdePhase.rate(run.perSecond()), SerdePhase.rate(baseline.perCpuSecond()),
          SerdePhase.rate(run.perCpuSecond()), cpuRatios.get(round), Machine.currentLoadAverage());
      context.table().add("round " + (round + 1) + " of " + rounds + ": processor / pass-through",
          String.format(Locale.ROOT, "%.2f", ratios.get(round)), line);
    }
    context.table().add("pass-through Streams throughput (median)", SerdePhase.rate(median(baselines)),
        workload + "; " + rounds + " rounds");
    context.table().add("peak heap: pass-through", baselineHeap.describe(), "JVM heap incl. broker during the phase");

    if (processor.isEmpty()) {
      context.table().add("processor throughput", "not measured", "processor topology not available in this build");
      return;
    }
    context.table().add("processor throughput (3 rules per series, median)", SerdePhase.rate(median(measured)),
        workload + "; " + rounds + " rounds");
    context.table().add("processor / pass-through ratio (median of rounds)", String.format(Locale.ROOT, "%.2f", median(ratios)),
        "target ≥ 0.5 (issue 4); each round's ratio is above, measured back to back");
    context.table().add("processor / pass-through, records per JVM CPU-second (median)",
        String.format(Locale.ROOT, "%.2f", median(cpuRatios)),
        "CPU of the whole bench JVM (broker included) while each consumed the topic; steadier than wall-clock under load");
    context.table().add("peak heap: processor", heap.describe(), "JVM heap incl. broker; target ≤ 512 MiB for the state");
  }

  private static HeapSampler.Peak larger(HeapSampler.Peak a, HeapSampler.Peak b) {
    return a == null || b.peakBytes() > a.peakBytes() ? b : a;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}

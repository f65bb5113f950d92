package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.HeapSampler;
import io.watchstream.bench.harness.StreamsRunner;
import io.watchstream.bench.workload.MetricsWorkload;
import io.watchstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Processor throughput against a pass-through Kafka Streams topology on the same input topic in the same run.
 * Writes {@code series × periods} datapoints once, then lets each application consume all of them under a fresh
 * application id, exactly-once, one stream thread each, one after the other (never concurrently: they would
 * share the two cores). The ratio processor / pass-through is the figure issue 4 sets at ≥ 0.5.
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
    io.watchstream.bench.harness.PipelineTopics.create(context.kafka(), topics, s.partitions());
    context.kafka().createTopic("tp.passthrough-out", s.partitions());
    // Start well in the past, aligned to a minute, so every period is complete.
    long start = Instant.now().minus(Duration.ofMinutes(s.periods() + 5L)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
    MetricsWorkload.Written written = MetricsWorkload.produce(context.bootstrap(), topics.metrics(), s.series(), s.periods(), start);
    String workload = String.format(Locale.ROOT, "%,d series × %d periods = %,d datapoints, %d partitions, EOS v2, 1 thread",
        s.series(), s.periods(), written.records(), s.partitions());
    context.table().add("workload produce rate (bench producer)", SerdePhase.rate(written.records() / written.seconds()),
        workload);

    context.heap().beginPhase();
    StreamsRunner.Consumed baseline;
    try (KafkaStreams passThrough = new KafkaStreams(PassThroughTopology.build(topics.metrics(), "tp.passthrough-out"),
        StreamsRunner.baseProperties(context.bootstrap(), "bench-passthrough", context.dir("state-passthrough")))) {
      baseline = StreamsRunner.runUntilCaughtUp(passThrough, context.bootstrap(), "bench-passthrough",
          topics.metrics().name(), Duration.ofMinutes(5));
    }
    HeapSampler.Peak baselineHeap = context.heap().endPhase();
    context.table().add("pass-through Streams throughput", SerdePhase.rate(baseline.perSecond()), workload);
    context.table().add("peak heap: pass-through", baselineHeap.describe(), "JVM heap incl. broker during the phase");

    if (processor.isEmpty()) {
      context.table().add("processor throughput", "not measured", "processor topology not available in this build");
      return;
    }
    context.heap().beginPhase();
    StreamsRunner.Consumed measured = processor.get().consumeAll(context, topics, s.series());
    HeapSampler.Peak heap = context.heap().endPhase();
    context.table().add("processor throughput (3 rules per series)", SerdePhase.rate(measured.perSecond()), workload);
    context.table().add("processor / pass-through ratio",
        String.format(Locale.ROOT, "%.2f", measured.perSecond() / baseline.perSecond()), "target ≥ 0.5 (issue 4)");
    context.table().add("peak heap: processor", heap.describe(), "JVM heap incl. broker; target ≤ 512 MiB for the state");
  }
}

package io.watchstream.bench.phases;

import io.micrometer.core.instrument.Counter;
import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.HeapSampler;
import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.workload.MotoMetrics;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.ingest.IngestService;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.TopicsConfig;
import io.watchstream.ingest.config.MetricsConfig;
import io.watchstream.ingest.config.MetricSelector;
import io.watchstream.ingest.config.KafkaConfig;
import io.watchstream.ingest.config.HttpConfig;
import io.watchstream.ingest.config.AwsConfig;
import io.watchstream.sandbox.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Ingest throughput from moto: {@code series × periods} CPU datapoints are put into moto's CloudWatch, then the real
 * ingest service lists the series and runs one poll cycle (GetMetricData in batches of up to 500 queries, one
 * Kafka transaction per batch with its watermarks). The figure is datapoints written to {@code metrics} per
 * second of that cycle, plus GetMetricData calls per poll. moto is a single-threaded Python server, so this
 * measures ingest against a slow CloudWatch; the 50,000/s target assumes AWS's response times.
 */
public final class IngestThroughputPhase implements Phase {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public void run(BenchContext context) throws Exception {
    var s = context.settings();
    MotoServer moto = context.moto();
    Instant last = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
    long put;
    try (CloudWatchClient cw = MotoMetrics.client(moto)) {
      put = MotoMetrics.put(cw, s.ingestSeries(), s.ingestPeriods(), last);
    }
    IngestConfig config = config(context, moto, s.ingestPeriods() + 10);
    context.heap().beginPhase();
    try (IngestService ingest = new IngestService(config, Clock.systemUTC()).start()) {
      ingest.discover();
      long began = System.nanoTime();
      ingest.pollOnce();
      double seconds = (System.nanoTime() - began) / 1e9;
      HeapSampler.Peak heap = context.heap().endPhase();
      long written = TopicCounts.count(context.bootstrap(), "ing.metrics");
      double calls = ingest.registry().find("watchstream.ingest.aws.calls").tag("operation", "GetMetricData")
          .counters().stream().mapToDouble(Counter::count).sum();
      // One cycle must bring everything moto holds; a shortfall is a finding, reported rather than hidden.
      context.table().add("ingest completeness after one poll", String.format(Locale.ROOT, "%,d of %,d", written, put),
          written == put ? "every datapoint in moto reached metrics" : "MISSING datapoints after one poll cycle");
      String how = String.format(Locale.ROOT, "%,d series × %d periods from moto, one poll cycle %.1f s, %.0f GetMetricData calls",
          s.ingestSeries(), s.ingestPeriods(), seconds, calls);
      context.table().add("ingest datapoints/s (moto → metrics)", String.format(Locale.ROOT, "%,.0f /s", written / seconds), how);
      context.table().add("ingest GetMetricData calls per poll",
          String.format(Locale.ROOT, "%.0f for %,d series", calls, s.ingestSeries()),
          String.format(Locale.ROOT, "%.0f queries per call; target ≤ 21 calls for 10,000 series", s.ingestSeries() / Math.max(1, calls)));
      context.table().add("peak heap: ingest", heap.describe(), "JVM heap incl. broker");
    }
  }

  static IngestConfig config(BenchContext context, MotoServer moto, int lookbackMinutes) {
    return new IngestConfig("bench-ingest",
        new AwsConfig(moto.region(), moto.endpoint().toString(), 3, Duration.ofSeconds(120)),
        new KafkaConfig(context.bootstrap(), context.registry().ccompatUrl(),
            new TopicsConfig("ing.metrics", "ing.logs", "ing.ingest-checkpoints"), context.settings().partitions(),
            (short) 1, true, Map.of()),
        new MetricsConfig(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(lookbackMinutes),
            Duration.ofMinutes(15), 500, List.of(new MetricSelector(SyntheticSeries.NAMESPACE,
            SyntheticSeries.METRIC, Map.of("InstanceId", "i-bench*"), List.of("Average"), 60, false, false, null))),
        null, null, new HttpConfig("127.0.0.1", -1), null, null);
  }
}

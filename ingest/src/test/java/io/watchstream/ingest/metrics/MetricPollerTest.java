package io.watchstream.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.MetricsConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.kafka.KafkaIngestSink.FatalSinkException;
import io.watchstream.ingest.kafka.KafkaIngestSink.SinkException;
import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import io.watchstream.ingest.ops.IngestMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The poll cycle's bookkeeping with a scripted CloudWatch and a sink that records only what it committed. */
class MetricPollerTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  /** CloudWatch as a map of series to (period start to value); answers windows like GetMetricData. */
  private final Map<SeriesId, TreeMap<Long, Double>> cloudWatch = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private int failFetchOnCall = -1;

  private final BatchFetcher fetcher = (batch, window) -> {
    calls.add(window.start() + ".." + window.end() + " x" + batch.size());
    if (calls.size() == failFetchOnCall) {
      throw new RuntimeException("throttled after retries");
    }
    Map<SeriesId, List<Point>> out = new HashMap<>();
    for (SeriesId s : batch.series()) {
      cloudWatch.getOrDefault(s, new TreeMap<>())
          .subMap(window.start().toEpochMilli(), window.end().toEpochMilli())
          .forEach((t, v) -> out.computeIfAbsent(s, k -> new ArrayList<>()).add(new Point(t, v)));
    }
    return out;
  };

  private final RecordingSink sink = new RecordingSink();

  private static MetricsConfig config(int maxQueries) {
    return new MetricsConfig(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), null, maxQueries, List.of());
  }

  private MetricPoller poller(int maxQueries, Instant now) {
    return new MetricPoller(fetcher, sink, config(maxQueries), new IngestMetrics(new SimpleMeterRegistry(), Clock.systemUTC()),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private static List<SeriesId> series(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> SeriesId.of("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "i-" + i), "Average", 60)).toList();
  }

  private void publish(List<SeriesId> series, int fromMinute, int toMinute) {
    for (SeriesId s : series) {
      for (int m = fromMinute; m < toMinute; m++) {
        cloudWatch.computeIfAbsent(s, k -> new TreeMap<>()).put(T0.plusSeconds(60L * m).toEpochMilli(), (double) m);
      }
    }
  }

  @Test
  void aCycleThatFailsHalfwayIsRetriedAndWritesEachDatapointExactlyOnce() {
    List<SeriesId> all = series(4);
    publish(all, -10, 0);
    failFetchOnCall = 2;
    MetricPoller poller = poller(2, T0);

    assertThatThrownBy(() -> poller.poll(all)).hasMessageContaining("throttled");
    // a window is written once every batch has read it, so the half that was read is not written yet
    assertThat(sink.metrics).isEmpty();

    poller.poll(all);

    assertThat(sink.metrics).hasSize(4 * 10);
    assertThat(sink.metrics.stream().collect(Collectors.groupingBy(r -> r.key().toString() + r.value().getTimestamp(), Collectors.counting())))
        .allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
    // Both batches are asked again for the window, from where they stood.
    assertThat(calls).containsExactly(
        "2026-11-25T09:50:00Z..2026-11-25T10:00:00Z x2", "2026-11-25T09:50:00Z..2026-11-25T10:00:00Z x2",
        "2026-11-25T09:50:00Z..2026-11-25T10:00:00Z x2", "2026-11-25T09:50:00Z..2026-11-25T10:00:00Z x2");
  }

  @Test
  void aFirstStartWritesTheLookBackInEventTimeOrderAcrossEverySeriesAndBatch() {
    // the processor judges lateness by its partition's stream time: history written series after series would
    // make every later series' history late
    List<SeriesId> all = series(5);
    publish(all, -30, 0);
    poller(2, T0).poll(all);

    assertThat(sink.metrics).hasSize(5 * 10); // the 10-minute look-back of config()
    assertThat(sink.metrics).extracting(r -> r.value().getTimestamp()).isSorted();
    assertThat(sink.commits).isEqualTo(1);
    assertThat(sink.metrics.subList(0, 5)).extracting(r -> r.value().getTimestamp())
        .containsOnly(T0.minus(Duration.ofMinutes(10)));
  }

  @Test
  void aFailedCommitLeavesTheWatermarkWhereItWas() {
    List<SeriesId> one = series(1);
    publish(one, -3, 0);
    MetricPoller poller = poller(500, T0);
    sink.failNext = true;

    assertThatThrownBy(() -> poller.poll(one)).isInstanceOf(SinkException.class);
    assertThat(sink.metrics).isEmpty();
    assertThat(poller.watermarks().get(one.get(0).canonical()).polledThroughMillis()).isLessThan(T0.toEpochMilli());

    poller.poll(one);
    assertThat(sink.metrics).hasSize(3);
  }

  @Test
  void watermarksAreCommittedWithTheDataAndRestoredByANewPoller() {
    List<SeriesId> one = series(1);
    publish(one, -5, 0);
    poller(500, T0).poll(one);
    assertThat(sink.checkpoints).containsKey("metric|AWS/EC2/CPUUtilization{InstanceId=i-0}/Average/60");

    publish(one, 0, 3);
    cloudWatch.get(one.get(0)).put(T0.minusSeconds(60).toEpochMilli(), 42.0);
    MetricPoller restarted = poller(500, T0.plusSeconds(180));
    restarted.restore(sink.checkpoints);
    restarted.poll(one);

    assertThat(sink.metrics).extracting(r -> r.value().getTimestamp().toString() + "=" + r.value().getValue()).containsExactly(
        "2026-11-25T09:55:00Z=-5.0", "2026-11-25T09:56:00Z=-4.0", "2026-11-25T09:57:00Z=-3.0",
        "2026-11-25T09:58:00Z=-2.0", "2026-11-25T09:59:00Z=-1.0",
        "2026-11-25T09:59:00Z=42.0", "2026-11-25T10:00:00Z=0.0", "2026-11-25T10:01:00Z=1.0", "2026-11-25T10:02:00Z=2.0");
  }

  @Test
  void tenThousandSeriesArePolledWithTwentyCallsPerCycle() {
    List<SeriesId> all = series(10_000);
    poller(500, T0).poll(all);
    assertThat(calls).hasSize(20).allSatisfy(c -> assertThat(c).endsWith("x500"));
  }

  @Test
  void backfillInterruptedByACrashResumesWithoutRepeatingABatch() throws Exception {
    List<SeriesId> all = series(3);
    publish(all, -600, 0);
    IngestConfig cfg = IngestConfigLoader.parse("""
        metrics:
          maxQueriesPerCall: 2
          selectors: [{namespace: AWS/EC2, metricName: CPUUtilization}]
        backfill: {maxCallsPerSecond: 1000, chunk: 2h}
        """, Map.of());
    IngestMetrics meters = new IngestMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
    Instant from = T0.minus(Duration.ofHours(10));
    sink.crashOnCommit = 4;

    assertThatThrownBy(() -> new MetricBackfill(fetcher, sink, cfg, meters).run(all, from, T0, Map.of()))
        .isInstanceOf(FatalSinkException.class);
    int beforeCrash = sink.metrics.size();
    long written = new MetricBackfill(fetcher, sink, cfg, meters).run(all, from, T0, sink.checkpoints);

    // 3 batches committed before the crash (2 series x 120 minutes, 1 x 120, 2 x 120), the rest after it.
    assertThat(beforeCrash).isEqualTo(600);
    assertThat(written).isEqualTo(3 * 600 - 600);
    assertThat(sink.metrics).hasSize(3 * 600);
    assertThat(sink.metrics.stream().map(r -> r.key().toString() + r.value().getTimestamp()).distinct()).hasSize(3 * 600);
    assertThat(sink.metrics).allSatisfy(r -> assertThat(r.value().getSource()).isEqualTo("backfill"));
  }

  /** Keeps what was committed; can fail the next commit (retryable) or the Nth (fatal, like a crash). */
  private static final class RecordingSink implements IngestSink {
    final List<MetricRecord> metrics = new ArrayList<>();
    final Map<String, byte[]> checkpoints = new LinkedHashMap<>();
    boolean failNext;
    int crashOnCommit = -1;
    int commits;

    @Override
    public void commit(Batch batch) {
      commits++;
      if (failNext) {
        failNext = false;
        throw new SinkException("broker unavailable", null);
      }
      if (commits == crashOnCommit) {
        throw new FatalSinkException("fenced", null);
      }
      metrics.addAll(batch.metrics());
      checkpoints.putAll(batch.checkpoints());
    }

    @Override
    public void close() {}
  }
}

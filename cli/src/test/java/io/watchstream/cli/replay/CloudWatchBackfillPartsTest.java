package io.watchstream.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.metrics.BatchFetcher;
import io.watchstream.ingest.metrics.MetricBackfill;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.replay.ReplayRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The glue between ingest's backfill and a replay, without AWS: the in-memory sink's ordering and range,
 * and how a replay stops ingest's otherwise endless retries. The AWS path itself is ReplayCloudWatchIT's.
 */
class CloudWatchBackfillPartsTest {

  static final Instant FROM = Instant.parse("2026-11-25T10:00:00Z");
  static final Instant TO = Instant.parse("2026-11-25T10:05:00Z");
  static final SeriesId CPU = SeriesId.of("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "i-1"), "Average", 60);

  final IngestConfig config = IngestConfigLoader.parse("""
      metrics: { selectors: [ { namespace: AWS/EC2, metricName: CPUUtilization } ] }
      backfill: { maxCallsPerSecond: 100 }
      """, Map.of());
  final IngestMetrics meters = new IngestMetrics(new SimpleMeterRegistry(), Clock.systemUTC());

  static LogEvent log(Instant t, String message) {
    return LogEvent.newBuilder().setLogGroup("/app").setLogStream("s").setEventId(message).setTimestamp(t).setIngestionTime(t)
        .setMessage(message).build();
  }

  @Test
  void backfillIntoTheInMemorySinkYieldsIngestsDatapointsInTimeOrderMergedWithLogsInsideTheRange() throws Exception {
    InMemoryIngestSink sink = new InMemoryIngestSink(FROM, TO);
    BatchFetcher fetcher = (batch, window) -> Map.of(CPU, List.of(
        new Point(window.start().toEpochMilli(), 1.0), new Point(window.start().plusSeconds(120).toEpochMilli(), 2.0)));
    long written = new MetricBackfill(fetcher, sink, config, meters).run(List.of(CPU), FROM, TO, Map.of());
    LogStreamKey key = new LogStreamKey("/app", "s");
    sink.commit(new IngestSink.Batch(List.of(), List.of(
        new IngestSink.LogRecord(key, log(FROM.plusSeconds(60), "in")),
        new IngestSink.LogRecord(key, log(TO, "at the end, excluded")),
        new IngestSink.LogRecord(key, log(FROM.minusMillis(1), "before, excluded"))), Map.of("checkpoint", new byte[] {1})));

    assertThat(written).isEqualTo(2);
    List<ReplayRecord> records = sink.records();
    assertThat(records).extracting(r -> r instanceof ReplayRecord.Log l ? l.value().getMessage()
            : ((ReplayRecord.Metric) r).value().getSource() + " " + ((ReplayRecord.Metric) r).value().getValue())
        .containsExactly("backfill 1.0", "in", "backfill 2.0");
    ReplayRecord.Metric first = (ReplayRecord.Metric) records.get(0);
    assertThat(first.key()).isEqualTo(CPU.toKey());
    assertThat(first.value().getTimestamp()).isEqualTo(FROM);
  }

  @Test
  void aReplayStopsIngestsRetriesAfterTheLastAllowedFailureAndSaysWhy() {
    AtomicInteger calls = new AtomicInteger();
    BatchFetcher down = (batch, window) -> {
      calls.incrementAndGet();
      throw new IllegalStateException("GetMetricData: service unavailable");
    };
    assertThatThrownBy(() -> new MetricBackfill(down, new InMemoryIngestSink(FROM, TO), config, meters, 1).run(List.of(CPU), FROM, TO, Map.of()))
        .isInstanceOfSatisfying(MetricBackfill.GaveUpException.class, e -> {
          assertThat(e.attempts()).isEqualTo(1);
          assertThat(e.getCause()).hasMessage("GetMetricData: service unavailable");
        });
    assertThat(calls).hasValue(1);
  }

  @Test
  void aFailureBelowTheLimitIsRetriedByIngestAndForgottenAfterASuccess() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BatchFetcher flaky = (batch, window) -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("throttled");
      }
      return Map.of(CPU, List.of(new Point(window.start().toEpochMilli(), 5.0)));
    };
    InMemoryIngestSink sink = new InMemoryIngestSink(FROM, TO);

    long written = new MetricBackfill(flaky, sink, config, meters, 2).run(List.of(CPU), FROM, TO, Map.of());

    assertThat(written).isEqualTo(1);
    assertThat(calls).hasValue(2);
  }
}

package io.watchstream.ingest.metrics;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.ingest.config.MetricsConfig;
import io.watchstream.ingest.kafka.CheckpointCodec;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.kafka.IngestSink.MetricRecord;
import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import io.watchstream.ingest.ops.IngestMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metrics poll cycle: for each period, read [min next start, now aligned down) for every series in
 * batches of up to 500 queries, in windows of at most one call's worth of datapoints across all series, emit only
 * datapoints that are new or changed, and commit a window's datapoints in event-time order together with the
 * series' new watermarks, one Kafka transaction per window. Watermarks in memory
 * move only after their transaction committed, so a failed call or commit is simply read again by the
 * retried cycle: nothing is skipped, nothing is written twice.
 */
public final class MetricPoller {

  private static final Logger log = LoggerFactory.getLogger(MetricPoller.class);

  private final BatchFetcher fetcher;
  private final IngestSink sink;
  private final MetricsConfig config;
  private final IngestMetrics meters;
  private final Clock clock;
  private final Map<String, SeriesWatermark> watermarks = new HashMap<>();
  // Per-series identity computed once, not per datapoint: the canonical id and one shared Avro key
  // instance (which also lets the sink reuse the key's encoded bytes).
  private final Map<SeriesId, Identity> identities = new HashMap<>();

  private record Identity(String canonical, io.watchstream.avro.MetricSeriesKey key) {}

  public MetricPoller(BatchFetcher fetcher, IngestSink sink, MetricsConfig config, IngestMetrics meters, Clock clock) {
    this.fetcher = fetcher;
    this.sink = sink;
    this.config = config;
    this.meters = meters;
    this.clock = clock;
  }

  /** Adopts the watermarks found in the checkpoint topic (keys {@code metric|<canonical series>}). */
  public void restore(Map<String, byte[]> checkpoints) {
    checkpoints.forEach((key, value) -> {
      if (key.startsWith("metric|")) {
        watermarks.put(key.substring("metric|".length()), CheckpointCodec.watermark(value));
      }
    });
  }

  /** Polls every series once, up to the last complete period. Throws if a call or a commit failed. */
  public void poll(List<SeriesId> series) {
    Instant now = clock.instant();
    for (Map.Entry<Integer, List<QueryBatch>> group : QueryBatcher.byPeriod(series, config.maxQueriesPerCall()).entrySet()) {
      pollPeriod(group.getKey(), group.getValue(), now);
    }
    meters.seriesPolled(series.size());
    series.stream()
        .mapToLong(s -> state(s, now).polledThroughMillis())
        .min()
        .ifPresent(meters::metricsPolledThrough);
  }

  private void pollPeriod(int period, List<QueryBatch> batches, Instant now) {
    Instant end = TimeWindow.alignDown(now, period);
    Instant start = end;
    for (QueryBatch b : batches) {
      for (SeriesId s : b.series()) {
        Instant next = state(s, now).nextStart(config.overlap(), period);
        if (next.isBefore(start)) {
          start = next;
        }
      }
    }
    // a window holds at most one call's worth of datapoints across all batches, so the whole window can be
    // written at once, in event-time order
    int allSeries = batches.stream().mapToInt(QueryBatch::size).sum();
    for (TimeWindow window : TimeWindow.chunks(start, end, period, allSeries, Duration.ofDays(1))) {
      List<Fetched> fetched = new ArrayList<>();
      for (QueryBatch batch : batches) {
        if (!alreadyRead(batch, window, now)) {
          fetched.add(new Fetched(batch, fetcher.fetch(batch, window)));
        }
      }
      if (!fetched.isEmpty()) {
        commit(fetched, window, now);
      }
    }
  }

  private record Fetched(QueryBatch batch, Map<SeriesId, List<Point>> points) {}

  /**
   * After a partial failure some batches are ahead of the others. Reading a window again can only emit
   * points at or after a series' floor, so a batch whose every floor is past the window is skipped.
   */
  private boolean alreadyRead(QueryBatch batch, TimeWindow window, Instant now) {
    long windowEnd = window.end().toEpochMilli();
    return batch.series().stream().allMatch(s -> state(s, now).floorMillis() >= windowEnd);
  }

  /**
   * Writes what every batch read for {@code window} in one transaction, datapoints in event-time order across all
   * series: the processor judges lateness by each partition's stream time, so a history written series after series
   * (all of one series' 30 minutes, then the next's) would send every later series' history to metrics.late.
   */
  private void commit(List<Fetched> fetched, TimeWindow window, Instant now) {
    List<MetricRecord> records = new ArrayList<>();
    Map<String, byte[]> checkpoints = new LinkedHashMap<>();
    Map<String, SeriesWatermark> next = new HashMap<>();
    int series = 0;
    for (Fetched f : fetched) {
      for (SeriesId s : f.batch().series()) {
        SeriesWatermark before = state(s, now);
        SeriesWatermark.Update u = before.apply(window, f.points().getOrDefault(s, List.of()), config.overlap(), s.periodSeconds());
        Identity identity = identity(s);
        for (Point p : u.emit()) {
          records.add(new MetricRecord(identity.key(), datapoint(s, p, "cloudwatch")));
        }
        if (u.changed(before)) {
          String id = identity.canonical();
          next.put(id, u.next());
          checkpoints.put(CheckpointCodec.metricKey(id), CheckpointCodec.encode(u.next()));
        }
      }
      series += f.batch().size();
    }
    records.sort(Comparator.comparing(r -> r.value().getTimestamp())); // stable: series order within an instant
    sink.commit(new IngestSink.Batch(records, List.of(), checkpoints));
    watermarks.putAll(next);
    meters.transactionCommitted();
    meters.datapointsWritten(records.size(), false);
    log.debug("window {}..{}: {} series, {} datapoints written", window.start(), window.end(), series, records.size());
  }

  private Identity identity(SeriesId s) {
    return identities.computeIfAbsent(s, k -> new Identity(k.canonical(), k.toKey()));
  }

  private SeriesWatermark state(SeriesId s, Instant now) {
    return watermarks.computeIfAbsent(identity(s).canonical(),
        k -> SeriesWatermark.initial(now, config.initialLookback(), s.periodSeconds()));
  }

  public static MetricDatapoint datapoint(SeriesId s, Point p, String source) {
    return MetricDatapoint.newBuilder()
        .setNamespace(s.namespace())
        .setMetricName(s.metricName())
        .setDimensions(s.avroDimensions())
        .setTimestamp(Instant.ofEpochMilli(p.timestampMillis()))
        .setValue(p.value())
        .setUnit(s.unit())
        .setStatistic(s.statistic())
        .setPeriodSeconds(s.periodSeconds())
        .setSource(source)
        .build();
  }

  /**
   * Drops cached identities of series no longer listed. Their watermarks stay: a series that comes back
   * (CloudWatch lists metrics for two weeks after their last datapoint) continues where it stopped
   * instead of re-reading its initial lookback and repeating datapoints.
   */
  public void retainOnly(List<SeriesId> series) {
    identities.keySet().retainAll(new java.util.HashSet<>(series));
  }

  /** Watermarks currently held (canonical series to state); for tests and the lag gauge. */
  public Map<String, SeriesWatermark> watermarks() {
    return Map.copyOf(watermarks);
  }
}

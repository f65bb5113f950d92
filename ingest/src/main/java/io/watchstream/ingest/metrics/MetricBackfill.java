package io.watchstream.ingest.metrics;

import com.google.common.util.concurrent.RateLimiter;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.kafka.CheckpointCodec;
import io.watchstream.ingest.kafka.CheckpointCodec.BackfillProgress;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.kafka.IngestSink.MetricRecord;
import io.watchstream.ingest.kafka.KafkaIngestSink.FatalSinkException;
import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.ingest.retry.CycleBackoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a historical range ({@code --from/--to}; CloudWatch keeps up to 15 months, at coarser periods
 * for older data) into the metrics topic with {@code source = "backfill"}, at no more than
 * {@code backfill.maxCallsPerSecond} GetMetricData calls so live polling and other API users keep their
 * quota. Progress (window and batch) is committed with each batch, so an interrupted backfill resumes
 * where it stopped without writing a batch twice. A failed call is retried with jittered backoff: forever by
 * default (the service rides out an outage), or up to a number of attempts for an interactive caller (replay)
 * that should rather say what is wrong ({@link GaveUpException}).
 *
 * <p>Backfill does not consult the live watermarks: a range that overlaps what live polling already
 * wrote yields those datapoints again (marked {@code backfill}); consumers key by series and timestamp.
 * The metrics topic's retention must cover the range, since records carry their datapoint timestamps.
 */
public final class MetricBackfill {

  private static final Logger log = LoggerFactory.getLogger(MetricBackfill.class);

  private final BatchFetcher fetcher;
  private final IngestSink sink;
  private final IngestConfig config;
  private final IngestMetrics meters;
  private final RateLimiter calls;
  private final int giveUpAfter;

  /** A call failed this many times in a row (each after the AWS SDK's own retries); {@link #getCause()} is the last failure. */
  public static final class GaveUpException extends RuntimeException {
    private final int attempts;

    GaveUpException(int attempts, RuntimeException last) {
      super("gave up after " + attempts + " failed attempts: " + last.getMessage(), last);
      this.attempts = attempts;
    }

    public int attempts() {
      return attempts;
    }
  }

  /** Retries a failed call forever (the ingest service). */
  public MetricBackfill(BatchFetcher fetcher, IngestSink sink, IngestConfig config, IngestMetrics meters) {
    this(fetcher, sink, config, meters, 0);
  }

  /** @param giveUpAfter attempts of one call after which {@link #run} throws {@link GaveUpException}; 0 retries forever */
  public MetricBackfill(BatchFetcher fetcher, IngestSink sink, IngestConfig config, IngestMetrics meters, int giveUpAfter) {
    this.fetcher = fetcher;
    this.sink = sink;
    this.config = config;
    this.meters = meters;
    this.calls = RateLimiter.create(config.backfill().maxCallsPerSecond());
    this.giveUpAfter = giveUpAfter;
  }

  /** Runs the backfill to the end; returns the number of datapoints written. */
  public long run(List<SeriesId> series, Instant from, Instant to, Map<String, byte[]> checkpoints) throws InterruptedException {
    long written = 0;
    for (Map.Entry<Integer, List<QueryBatch>> group : QueryBatcher.byPeriod(series, config.metrics().maxQueriesPerCall()).entrySet()) {
      int period = group.getKey();
      List<QueryBatch> batches = group.getValue();
      String key = CheckpointCodec.backfillKey(from.toString(), to.toString()) + "|" + period;
      BackfillProgress progress = checkpoints.containsKey(key)
          ? CheckpointCodec.backfill(checkpoints.get(key))
          : new BackfillProgress(TimeWindow.alignDown(from, period).toEpochMilli(), 0);
      int widest = batches.stream().mapToInt(QueryBatch::size).max().orElse(1);
      for (TimeWindow window : TimeWindow.chunks(from, to, period, widest, config.backfill().chunk())) {
        if (window.end().toEpochMilli() <= progress.completedThroughMillis()) {
          continue;
        }
        boolean resumingThisWindow = window.start().toEpochMilli() == progress.completedThroughMillis();
        for (int i = resumingThisWindow ? progress.batchesDone() : 0; i < batches.size(); i++) {
          QueryBatch batch = batches.get(i);
          BackfillProgress next = i == batches.size() - 1
              ? new BackfillProgress(window.end().toEpochMilli(), 0)
              : new BackfillProgress(window.start().toEpochMilli(), i + 1);
          written += withRetry(() -> commitBatch(batch, window, key, next));
          progress = next;
        }
        log.info("backfill {}s: through {}, {} datapoints so far", period, window.end(), written);
      }
    }
    return written;
  }

  private int commitBatch(QueryBatch batch, TimeWindow window, String key, BackfillProgress next) {
    calls.acquire();
    Map<SeriesId, List<Point>> points = fetcher.fetch(batch, window);
    List<MetricRecord> records = new ArrayList<>();
    for (SeriesId s : batch.series()) {
      for (Point p : points.getOrDefault(s, List.of())) {
        if (p.timestampMillis() >= window.start().toEpochMilli() && p.timestampMillis() < window.end().toEpochMilli()) {
          records.add(new MetricRecord(s.toKey(), MetricPoller.datapoint(s, p, "backfill")));
        }
      }
    }
    sink.commit(new IngestSink.Batch(records, List.of(), Map.of(key, CheckpointCodec.encode(next))));
    meters.transactionCommitted();
    meters.datapointsWritten(records.size(), true);
    return records.size();
  }

  private int withRetry(java.util.function.IntSupplier step) throws InterruptedException {
    CycleBackoff backoff = new CycleBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    int attempts = 0;
    while (true) {
      try {
        return step.getAsInt();
      } catch (FatalSinkException e) {
        throw e;
      } catch (RuntimeException e) {
        if (giveUpAfter > 0 && ++attempts >= giveUpAfter) {
          meters.cycle("backfill", false);
          throw new GaveUpException(attempts, e);
        }
        Duration wait = backoff.onFailure();
        meters.cycle("backfill", false);
        log.warn("backfill call failed ({}), retrying in {} ms", e.toString(), wait.toMillis());
        Thread.sleep(wait.toMillis());
      }
    }
  }
}

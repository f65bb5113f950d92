package io.watchstream.cli.replay;

import io.watchstream.ingest.metrics.BatchFetcher;
import io.watchstream.ingest.metrics.QueryBatch;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import io.watchstream.ingest.metrics.TimeWindow;
import java.util.List;
import java.util.Map;

/**
 * Bounds ingest's backfill retries for an interactive replay. {@code MetricBackfill} retries a failed
 * GetMetricData call forever (right for a long-running service riding out an outage); a replay should
 * rather say what is wrong. After {@code maxFailures} consecutive failed calls (each already retried by the
 * SDK up to {@code aws.maxAttempts}) this fetcher interrupts the calling thread: the backfill's retry wait
 * then ends with {@link InterruptedException}, and {@link #failure()} tells the caller why.
 */
final class GiveUpAfterFailures implements BatchFetcher {

  private final BatchFetcher delegate;
  private final int maxFailures;
  private int consecutiveFailures;
  private RuntimeException failure;

  GiveUpAfterFailures(BatchFetcher delegate, int maxFailures) {
    this.delegate = delegate;
    this.maxFailures = maxFailures;
  }

  @Override
  public Map<SeriesId, List<Point>> fetch(QueryBatch batch, TimeWindow window) {
    try {
      Map<SeriesId, List<Point>> points = delegate.fetch(batch, window);
      consecutiveFailures = 0;
      return points;
    } catch (RuntimeException e) {
      if (++consecutiveFailures >= maxFailures) {
        failure = e;
        Thread.currentThread().interrupt();
      }
      throw e;
    }
  }

  /** The last failure once this fetcher gave up, else null. */
  RuntimeException failure() {
    return failure;
  }

  int failedCalls() {
    return consecutiveFailures;
  }
}

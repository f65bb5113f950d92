package io.watchstream.ingest.metrics;

import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * One GetMetricData call (plus its NextToken pages) for one batch and window, returning the points of
 * each series. The SDK retries throttling, 5xx and connection errors with backoff and jitter; whatever
 * still fails is thrown, and the caller's cycle is retried.
 */
public final class MetricDataFetcher implements BatchFetcher {

  private final CloudWatchClient cloudWatch;

  public MetricDataFetcher(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public Map<SeriesId, List<Point>> fetch(QueryBatch batch, TimeWindow window) {
    GetMetricDataRequest request = GetMetricDataRequest.builder()
        .metricDataQueries(batch.queries())
        .startTime(window.start())
        .endTime(window.end())
        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
        .build();
    Map<SeriesId, List<Point>> out = new HashMap<>();
    for (GetMetricDataResponse page : cloudWatch.getMetricDataPaginator(request)) {
      collect(batch, page, out);
    }
    return out;
  }

  /** Maps one response page back to series by query id; exposed for the benchmark, which replays recorded pages. */
  public static void collect(QueryBatch batch, GetMetricDataResponse page, Map<SeriesId, List<Point>> out) {
    for (MetricDataResult r : page.metricDataResults()) {
      SeriesId s = batch.seriesFor(r.id());
      if (s == null) {
        continue;
      }
      List<Point> points = out.computeIfAbsent(s, k -> new ArrayList<>());
      int n = Math.min(r.timestamps().size(), r.values().size());
      for (int i = 0; i < n; i++) {
        points.add(new Point(r.timestamps().get(i).toEpochMilli(), r.values().get(i)));
      }
    }
  }
}

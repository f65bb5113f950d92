package io.watchstream.ingest.metrics;

import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import java.util.List;
import java.util.Map;

/** Reads the datapoints of one batch of series over one window: GetMetricData in production. */
@FunctionalInterface
public interface BatchFetcher {

  Map<SeriesId, List<Point>> fetch(QueryBatch batch, TimeWindow window);
}

package io.watchstream.ingest.metrics;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * The series of one GetMetricData call. Query ids are {@code q0..qN} by position, so an id in the
 * response maps straight back to its series without a lookup table.
 */
public record QueryBatch(List<SeriesId> series) {

  public QueryBatch {
    series = List.copyOf(series);
  }

  public static String queryId(int index) {
    // GetMetricData ids must start with a lower-case letter.
    return "q" + index;
  }

  /** The series a response's query id belongs to, or null for an id this batch did not send. */
  public SeriesId seriesFor(String queryId) {
    if (queryId == null || queryId.length() < 2 || queryId.charAt(0) != 'q') {
      return null;
    }
    try {
      int i = Integer.parseInt(queryId, 1, queryId.length(), 10);
      return i >= 0 && i < series.size() ? series.get(i) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public List<MetricDataQuery> queries() {
    List<MetricDataQuery> out = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      SeriesId s = series.get(i);
      List<Dimension> dims = new ArrayList<>(s.dimensions().size());
      for (String name : s.listedOrder()) {
        dims.add(Dimension.builder().name(name).value(s.dimensions().get(name)).build());
      }
      MetricStat.Builder stat = MetricStat.builder()
          .metric(Metric.builder().namespace(s.namespace()).metricName(s.metricName()).dimensions(dims).build())
          .period(s.periodSeconds())
          .stat(s.statistic());
      if (s.unit() != null) {
        stat.unit(s.unit());
      }
      out.add(MetricDataQuery.builder().id(queryId(i)).metricStat(stat.build()).returnData(true).build());
    }
    return out;
  }

  public int size() {
    return series.size();
  }
}

package io.watchstream.ingest.metrics;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricSeriesKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One concrete series the service polls: a CloudWatch metric (namespace, name, exact dimensions) with one
 * statistic at one period. Dimensions are kept sorted by name, so equal series are equal records and
 * produce equal Kafka keys.
 *
 * <p>{@code listedOrder} remembers the order in which ListMetrics returned the dimension names and is
 * used only to build the GetMetricData query: CloudWatch ignores the order, but moto matches a
 * multi-dimension query only when its dimensions come in the order they were stored. It takes no part in
 * equality.
 */
public record SeriesId(String namespace, String metricName, SortedMap<String, String> dimensions,
                       String statistic, int periodSeconds, String unit, List<String> listedOrder) {

  public SeriesId {
    dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    listedOrder = listedOrder == null || !new java.util.HashSet<>(listedOrder).equals(dimensions.keySet())
        ? List.copyOf(dimensions.keySet())
        : List.copyOf(listedOrder);
  }

  public static SeriesId of(String namespace, String metricName, Map<String, String> dimensions,
                            String statistic, int periodSeconds) {
    return new SeriesId(namespace, metricName, new TreeMap<>(dimensions), statistic, periodSeconds, null, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesId s && periodSeconds == s.periodSeconds && namespace.equals(s.namespace)
        && metricName.equals(s.metricName) && dimensions.equals(s.dimensions) && statistic.equals(s.statistic)
        && java.util.Objects.equals(unit, s.unit);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(namespace, metricName, dimensions, statistic, periodSeconds, unit);
  }

  /** Same format as {@code SeriesKeys.canonical}: {@code AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60}. */
  public String canonical() {
    StringBuilder sb = new StringBuilder(96).append(namespace).append('/').append(metricName).append('{');
    boolean first = true;
    for (Map.Entry<String, String> d : dimensions.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(d.getKey()).append('=').append(d.getValue());
    }
    return sb.append("}/").append(statistic).append('/').append(periodSeconds).toString();
  }

  public List<Dimension> avroDimensions() {
    List<Dimension> out = new ArrayList<>(dimensions.size());
    dimensions.forEach((k, v) -> out.add(new Dimension(k, v)));
    return out;
  }

  public MetricSeriesKey toKey() {
    return MetricSeriesKey.newBuilder()
        .setNamespace(namespace)
        .setMetricName(metricName)
        .setDimensions(avroDimensions())
        .setStatistic(statistic)
        .setPeriodSeconds(periodSeconds)
        .build();
  }
}

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
 */
public record SeriesId(String namespace, String metricName, SortedMap<String, String> dimensions,
                       String statistic, int periodSeconds, String unit) {

  public SeriesId {
    dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
  }

  public static SeriesId of(String namespace, String metricName, Map<String, String> dimensions,
                            String statistic, int periodSeconds) {
    return new SeriesId(namespace, metricName, new TreeMap<>(dimensions), statistic, periodSeconds, null);
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

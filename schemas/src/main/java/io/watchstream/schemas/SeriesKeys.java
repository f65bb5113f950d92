package io.watchstream.schemas;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Canonical identities of metric series. A series is (namespace, metric, sorted dimensions, statistic,
 * period); its canonical string, e.g. {@code AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60}, names it
 * in alerts, stores and reports.
 */
public final class SeriesKeys {

  private static final Comparator<Dimension> BY_NAME_THEN_VALUE =
      Comparator.comparing(Dimension::getName).thenComparing(Dimension::getValue);

  private SeriesKeys() {}

  /** Dimensions sorted by name, so that equal series encode to equal key bytes (and thus one partition). */
  public static List<Dimension> sorted(List<Dimension> dimensions) {
    List<Dimension> copy = new ArrayList<>(dimensions);
    copy.sort(BY_NAME_THEN_VALUE);
    return copy;
  }

  public static MetricSeriesKey of(MetricDatapoint d) {
    return MetricSeriesKey.newBuilder()
        .setNamespace(d.getNamespace())
        .setMetricName(d.getMetricName())
        .setDimensions(sorted(d.getDimensions()))
        .setStatistic(d.getStatistic())
        .setPeriodSeconds(d.getPeriodSeconds())
        .build();
  }

  public static String canonical(MetricSeriesKey k) {
    return canonical(k.getNamespace(), k.getMetricName(), k.getDimensions(), k.getStatistic(), k.getPeriodSeconds());
  }

  public static String canonical(MetricDatapoint d) {
    return canonical(d.getNamespace(), d.getMetricName(), d.getDimensions(), d.getStatistic(), d.getPeriodSeconds());
  }

  public static String canonical(String namespace, String metricName, List<Dimension> dimensions, String statistic, int periodSeconds) {
    StringBuilder sb = new StringBuilder(96).append(namespace).append('/').append(metricName).append('{');
    List<Dimension> dims = sorted(dimensions);
    for (int i = 0; i < dims.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(dims.get(i).getName()).append('=').append(dims.get(i).getValue());
    }
    return sb.append("}/").append(statistic).append('/').append(periodSeconds).toString();
  }
}

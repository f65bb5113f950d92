package io.watchstream.processor.topology;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.rules.ThresholdRule;
import io.watchstream.schemas.SeriesKeys;
import java.util.List;
import java.util.TreeMap;

/**
 * Keys of the threshold-rule state. An instance key names a metric instance — namespace, metric name and
 * sorted dimensions, e.g. {@code AWS/EC2/CPUUtilization{InstanceId=i-1}} — and is the canonical series key
 * ({@link SeriesKeys#canonical}) without its {@code /statistic/period} suffix; a rule's series key is the
 * instance key plus the rule's statistic and period. Built once per datapoint: this is the hot path.
 */
final class InstanceKeys {

  private InstanceKeys() {}

  static String of(MetricDatapoint d) {
    List<Dimension> dims = d.getDimensions();
    if (dims.size() > 1) {
      dims = SeriesKeys.sorted(dims);
    }
    StringBuilder sb = new StringBuilder(80).append(d.getNamespace()).append('/').append(d.getMetricName()).append('{');
    for (int i = 0; i < dims.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(dims.get(i).getName()).append('=').append(dims.get(i).getValue());
    }
    return sb.append('}').toString();
  }

  /** The series key of {@code rule}'s state on an instance: the same string as {@link SeriesKeys#canonical}. */
  static String seriesKey(String instanceKey, ThresholdRule rule) {
    return instanceKey + "/" + rule.statistic().name() + "/" + rule.period().toSeconds();
  }

  static TreeMap<String, String> dimensions(MetricDatapoint d) {
    TreeMap<String, String> out = new TreeMap<>();
    for (Dimension dim : d.getDimensions()) {
      out.put(dim.getName(), dim.getValue());
    }
    return out;
  }

  /** Whether a record's key and value name the same series (what comparing their canonical keys would say). */
  static boolean sameSeries(MetricSeriesKey k, MetricDatapoint d) {
    if (!k.getNamespace().equals(d.getNamespace()) || !k.getMetricName().equals(d.getMetricName())
        || !k.getStatistic().equals(d.getStatistic()) || k.getPeriodSeconds() != d.getPeriodSeconds()) {
      return false;
    }
    List<Dimension> a = k.getDimensions();
    List<Dimension> b = d.getDimensions();
    if (a.size() != b.size()) {
      return false;
    }
    if (a.size() == 1) {
      return a.get(0).getName().equals(b.get(0).getName()) && a.get(0).getValue().equals(b.get(0).getValue());
    }
    return SeriesKeys.sorted(a).equals(SeriesKeys.sorted(b));
  }
}

package io.watchstream.bench.workload;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import java.util.List;
import java.util.Locale;

/**
 * The synthetic fleet every phase uses: {@code n} EC2 instances reporting {@code AWS/EC2 CPUUtilization}
 * (Average, 60 s), instance ids {@code i-bench00000000}, {@code i-bench00000001}, ... Values are deterministic
 * (a function of series and period) so two runs see the same data and a phase can predict which datapoints
 * cross a threshold.
 */
public final class SyntheticSeries {

  public static final String NAMESPACE = "AWS/EC2";
  public static final String METRIC = "CPUUtilization";
  public static final String STATISTIC = "Average";
  public static final int PERIOD_SECONDS = 60;

  private SyntheticSeries() {
  }

  public static String instanceId(int series) {
    return String.format(Locale.ROOT, "i-bench%08d", series);
  }

  public static MetricSeriesKey key(int series) {
    return key(instanceId(series));
  }

  public static MetricSeriesKey key(String instanceId) {
    return new MetricSeriesKey(NAMESPACE, METRIC, List.of(new Dimension("InstanceId", instanceId)), STATISTIC,
        PERIOD_SECONDS);
  }

  public static MetricDatapoint datapoint(String instanceId, long timestampMillis, double value) {
    return new MetricDatapoint(NAMESPACE, METRIC, List.of(new Dimension("InstanceId", instanceId)),
        java.time.Instant.ofEpochMilli(timestampMillis), value, "Percent", STATISTIC, PERIOD_SECONDS, "sample");
  }

  public static MetricDatapoint datapoint(int series, long timestampMillis, double value) {
    return new MetricDatapoint(NAMESPACE, METRIC, dimensions(series), java.time.Instant.ofEpochMilli(timestampMillis), value, "Percent", STATISTIC,
        PERIOD_SECONDS, "sample");
  }

  /**
   * A calm CPU value between 5 and 45 % for period {@code p} of a series: below every threshold the benchmark
   * rules use, so throughput runs measure evaluation, not alert output.
   */
  public static double calmValue(int series, long period) {
    long h = (series * 2654435761L) ^ (period * 40503L);
    return 5 + Math.floorMod(h, 4000) / 100.0;
  }

  private static List<Dimension> dimensions(int series) {
    return List.of(new Dimension("InstanceId", instanceId(series)));
  }
}

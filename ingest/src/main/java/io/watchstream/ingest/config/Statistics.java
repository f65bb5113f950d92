package io.watchstream.ingest.config;

import java.util.Set;
import java.util.regex.Pattern;

/** The statistic names GetMetricData accepts in a MetricStat that this service knows how to request. */
public final class Statistics {

  public static final Set<String> STANDARD = Set.of("Average", "Sum", "Minimum", "Maximum", "SampleCount");

  // Percentiles p0..p100 with up to two decimals (p99, p99.9, p50.25).
  private static final Pattern PERCENTILE = Pattern.compile("p(100|[0-9]{1,2})(\\.[0-9]{1,2})?");

  private Statistics() {}

  public static boolean isKnown(String statistic) {
    return statistic != null && (STANDARD.contains(statistic) || PERCENTILE.matcher(statistic).matches());
  }
}

package io.watchstream.notifier.slack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a canonical metric series key ({@code AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60}):
 * the namespace may itself contain slashes, so the metric name is the last segment before the braces.
 */
public record MetricRef(String namespace, String metricName, Map<String, String> dimensions,
    String statistic, int periodSeconds) {

  public static MetricRef parse(String seriesKey, Map<String, String> knownDimensions) {
    int open = seriesKey.indexOf('{');
    int close = seriesKey.lastIndexOf('}');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a canonical metric series key: " + seriesKey);
    }
    String head = seriesKey.substring(0, open);
    int lastSlash = head.lastIndexOf('/');
    String namespace = head.substring(0, Math.max(0, lastSlash));
    String metricName = head.substring(lastSlash + 1);
    Map<String, String> dims = new LinkedHashMap<>();
    if (knownDimensions != null && !knownDimensions.isEmpty()) {
      dims.putAll(knownDimensions);
    } else {
      String inner = seriesKey.substring(open + 1, close);
      for (String pair : inner.isEmpty() ? new String[0] : inner.split(",")) {
        int eq = pair.indexOf('=');
        dims.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    String[] tail = seriesKey.substring(close + 1).split("/");
    String statistic = tail.length > 1 ? tail[1] : "Average";
    int period = tail.length > 2 ? Integer.parseInt(tail[2]) : 60;
    return new MetricRef(namespace, metricName, dims, statistic, period);
  }
}

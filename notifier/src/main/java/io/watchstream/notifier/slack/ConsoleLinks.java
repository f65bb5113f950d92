package io.watchstream.notifier.slack;

import io.watchstream.notifier.engine.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Deep links into the CloudWatch console for the series behind an alert: the metric graph for
 * metric rules (namespace, name, dimensions, statistic, period parsed from the canonical series key)
 * and the log group for log rules. A link longer than {@link #MAX_URL_CHARS} (CloudWatch allows 30 dimensions of
 * 1,024 characters each) becomes the console's metrics page instead: Slack refuses a text object over 3,000
 * characters, for good, and one long dimension value must not cost the alert its message.
 */
public final class ConsoleLinks {

  static final int MAX_URL_CHARS = 1500;

  private final String region;

  public ConsoleLinks(String region) {
    this.region = region;
  }

  public String forAlert(Alert alert) {
    String base = "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region;
    if (alert.isLogRule()) {
      // Log series keys are log group names (which contain slashes themselves), so link the whole key.
      String link = base + "#logsV2:log-groups/log-group/" + logsEncode(alert.seriesKey());
      return link.length() <= MAX_URL_CHARS ? link : base + "#logsV2:log-groups";
    }
    MetricRef m = MetricRef.parse(alert.seriesKey(), alert.dimensions());
    StringBuilder graph = new StringBuilder("~(metrics~(~(~'").append(consoleEncode(m.namespace()))
        .append("~'").append(consoleEncode(m.metricName()));
    for (Map.Entry<String, String> d : m.dimensions().entrySet()) {
      graph.append("~'").append(consoleEncode(d.getKey())).append("~'").append(consoleEncode(d.getValue()));
    }
    graph.append("))~stat~'").append(consoleEncode(m.statistic()))
        .append("~period~").append(m.periodSeconds())
        .append("~region~'").append(region).append(")");
    String link = base + "#metricsV2:graph=" + graph;
    return link.length() <= MAX_URL_CHARS ? link : base + "#metricsV2";
  }

  /** The console's own encoding of graph parameters: URI-encode, then '%' becomes '*'. */
  static String consoleEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%", "*");
  }

  /** The Logs console double-encodes names and uses '$' for '%'. */
  static String logsEncode(String s) {
    String once = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    return URLEncoder.encode(once, StandardCharsets.UTF_8).replace("%", "$");
  }
}

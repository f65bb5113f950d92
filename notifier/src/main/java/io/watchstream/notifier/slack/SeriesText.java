package io.watchstream.notifier.slack;

import io.watchstream.notifier.engine.Alert;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one series reads in Slack: its name, its value against the rule's threshold or band, numbers and dates. Text
 * from the alert passes through {@link SlackText#escape}.
 */
public final class SeriesText {

  private static final DateTimeFormatter FALLBACK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private SeriesText() {
  }

  /** Instance id and Auto Scaling group when the series has them, otherwise its dimensions or its key. */
  public static String seriesName(Alert a) {
    Map<String, String> d = a.dimensions();
    StringBuilder name = new StringBuilder();
    if (d.containsKey("InstanceId")) {
      name.append('`').append(SlackText.escape(d.get("InstanceId"), 80)).append('`');
    }
    if (d.containsKey("AutoScalingGroupName")) {
      name.append(name.length() == 0 ? "" : " ").append("group `")
          .append(SlackText.escape(d.get("AutoScalingGroupName"), 120)).append('`');
    }
    if (name.length() == 0 && !d.isEmpty()) {
      name.append('`').append(SlackText.escape(d.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ")), 200)).append('`');
    }
    if (name.length() == 0) {
      name.append('`').append(SlackText.escape(a.seriesKey(), 200)).append('`');
    }
    return name.toString();
  }

  public static String valueText(Alert a) {
    Double v = a.latestValue();
    String value = v == null ? "no data" : "*" + number(v) + "*";
    if (a.lowerBound() != null || a.upperBound() != null) {
      String band = "[" + (a.lowerBound() == null ? "-∞" : number(a.lowerBound())) + ", "
          + (a.upperBound() == null ? "∞" : number(a.upperBound())) + "]";
      String expected = a.expected() == null ? "" : ", expected " + number(a.expected());
      boolean outside = v != null && ((a.lowerBound() != null && v < a.lowerBound())
          || (a.upperBound() != null && v > a.upperBound()));
      return value + (outside ? " outside band " : " inside band ") + band + expected;
    }
    if (a.threshold() != null) {
      String cmp = comparison(a.comparison());
      return value + " (threshold " + cmp + " " + number(a.threshold()) + ")";
    }
    return value;
  }

  /** The four operators of the alert contract as Slack entities; anything else is escaped like any other text. */
  static String comparison(String op) {
    if (op == null) {
      return "vs";
    }
    return switch (op) {
      case ">" -> "&gt;";
      case ">=" -> "&gt;=";
      case "<" -> "&lt;";
      case "<=" -> "&lt;=";
      default -> SlackText.escape(op, 4);
    };
  }

  public static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /** Slack renders this in the reader's time zone; the fallback after '|' is UTC. */
  public static String slackDate(Instant t) {
    return "<!date^" + t.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK_TIME.format(t) + ">";
  }
}

package io.watchstream.replay.report;

import java.time.Duration;
import java.util.Locale;

/** How the report writes its texts: HTML escaping, durations, signed deltas, ratios and scores. */
final class ReportText {

  /** Shown where a value does not apply (no labelled windows, no detection yet). */
  static final String NONE = "–";

  private ReportText() {}

  /**
   * Escapes the five characters that matter in element text and quoted attributes; nothing else, so the
   * report keeps its bytes (Mustache.java's own escaper also encodes {@code =} and backticks).
   */
  static String html(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String duration(long ms) {
    Duration d = Duration.ofMillis(Math.abs(ms));
    String s = d.toDays() > 0 ? d.toDays() + "d " + d.toHoursPart() + "h" : d.toHours() > 0 ? d.toHours() + "h " + d.toMinutesPart() + "m"
        : d.toMinutes() + "m";
    return (ms < 0 ? "−" : "") + s;
  }

  static String signed(long ms) {
    return (ms > 0 ? "+" : "") + duration(ms);
  }

  static String ratio(Double d) {
    return d == null ? NONE : String.format(Locale.ROOT, "%.2f", d);
  }

  static String score(double normalised) {
    return String.format(Locale.ROOT, "%.1f", normalised);
  }
}

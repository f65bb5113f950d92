package io.watchstream.notifier.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Label matching shared by routes and silences. Every entry must match: keys {@code rule},
 * {@code severity}, {@code series}, {@code channel}, any rule label, or any series dimension
 * (e.g. {@code AutoScalingGroupName}); values are exact strings or globs with {@code *}.
 */
public final class AlertMatcher {

  private final Map<String, Pattern> patterns = new LinkedHashMap<>();

  public AlertMatcher(Map<String, String> matchers) {
    new TreeMap<>(matchers == null ? Map.<String, String>of() : matchers).forEach((k, v) -> patterns.put(k, glob(v)));
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  public boolean matches(Alert alert, String channel) {
    for (Map.Entry<String, Pattern> m : patterns.entrySet()) {
      String actual = switch (m.getKey()) {
        case "rule" -> alert.ruleId();
        case "severity" -> alert.severity();
        case "series" -> alert.seriesKey();
        case "channel" -> channel;
        default -> alert.labels().getOrDefault(m.getKey(), alert.dimensions().get(m.getKey()));
      };
      if (actual == null || !m.getValue().matcher(actual).matches()) {
        return false;
      }
    }
    return true;
  }

  static Pattern glob(String value) {
    String[] parts = value.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}

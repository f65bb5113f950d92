package io.watchstream.notifier.engine;

import io.watchstream.schemas.Glob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label matching shared by routes and silences. Every entry must match: keys {@code rule},
 * {@code severity}, {@code series}, {@code channel}, any rule label, or any series dimension
 * (e.g. {@code AutoScalingGroupName}); values are exact strings or globs with {@code *} ({@link Glob#starsOnly}: {@code ?} is literal).
 */
public final class AlertMatcher {

  private final Map<String, Glob> patterns = new LinkedHashMap<>();

  public AlertMatcher(Map<String, String> matchers) {
    new TreeMap<>(matchers == null ? Map.<String, String>of() : matchers).forEach((k, v) -> patterns.put(k, Glob.starsOnly(v)));
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  public boolean matches(Alert alert, String channel) {
    for (Map.Entry<String, Glob> m : patterns.entrySet()) {
      String actual = switch (m.getKey()) {
        case "rule" -> alert.ruleId();
        case "severity" -> alert.severity();
        case "series" -> alert.seriesKey();
        case "channel" -> channel;
        default -> alert.labels().getOrDefault(m.getKey(), alert.dimensions().get(m.getKey()));
      };
      if (actual == null || !m.getValue().matches(actual)) {
        return false;
      }
    }
    return true;
  }
}

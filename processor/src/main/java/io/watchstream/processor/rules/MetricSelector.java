package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.watchstream.avro.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Selects CloudWatch series: namespace and metric name exactly, plus dimension filters whose values may
 * contain {@code *} (any run of characters) and {@code ?} (one character), so one rule covers every
 * instance. As in CloudWatch, a series is identified by its whole dimension set: a series matches only
 * when it has exactly the dimension names the selector lists.
 */
public record MetricSelector(
    @JsonProperty("namespace") String namespace,
    @JsonProperty("name") String name,
    @JsonProperty("dimensions") Map<String, String> dimensions) {

  public MetricSelector {
    dimensions = dimensions == null ? Map.of() : Map.copyOf(new TreeMap<>(dimensions));
  }

  public boolean matches(String seriesNamespace, String metricName, List<Dimension> seriesDimensions) {
    if (!namespace.equals(seriesNamespace) || !name.equals(metricName)) {
      return false;
    }
    if (seriesDimensions.size() != dimensions.size()) {
      return false;
    }
    for (Dimension d : seriesDimensions) {
      String pattern = dimensions.get(d.getName().toString());
      if (pattern == null || !Glob.matches(pattern, d.getValue().toString())) {
        return false;
      }
    }
    return true;
  }

  void validate(String prefix, List<RuleProblem> problems) {
    if (namespace == null || namespace.isBlank()) {
      problems.add(new RuleProblem(prefix + ".namespace", "is required"));
    }
    if (name == null || name.isBlank()) {
      problems.add(new RuleProblem(prefix + ".name", "is required"));
    }
    dimensions.forEach((k, v) -> {
      if (v == null || v.isEmpty()) {
        problems.add(new RuleProblem(prefix + ".dimensions." + k, "needs a value or a wildcard such as '*'"));
      }
    });
  }

  /** Glob matching without regex back-tracking blow-ups: patterns are compiled once and cached. */
  static final class Glob {
    private static final Map<String, Pattern> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    static boolean matches(String glob, String value) {
      if ("*".equals(glob)) {
        return true;
      }
      int star = glob.indexOf('*');
      if (star < 0 && glob.indexOf('?') < 0) {
        return glob.equals(value);
      }
      if (star == glob.length() - 1 && glob.indexOf('?') < 0) {
        // the common "prefix*" selector (e.g. "i-web*"): no regex on the hot path
        return value.regionMatches(0, glob, 0, star);
      }
      return CACHE.computeIfAbsent(glob, Glob::compile).matcher(value).matches();
    }

    private static Pattern compile(String glob) {
      List<String> parts = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      StringBuilder regex = new StringBuilder();
      for (char c : glob.toCharArray()) {
        if (c == '*' || c == '?') {
          if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
          }
          regex.append(c == '*' ? ".*" : ".");
        } else {
          literal.append(c);
        }
      }
      if (!literal.isEmpty()) {
        regex.append(Pattern.quote(literal.toString()));
      }
      parts.add(regex.toString());
      return Pattern.compile(String.join("", parts), Pattern.DOTALL);
    }

    private Glob() {}
  }
}

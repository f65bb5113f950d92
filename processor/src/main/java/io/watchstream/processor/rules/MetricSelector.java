package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.watchstream.avro.Dimension;
import io.watchstream.schemas.Glob;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Selects CloudWatch series: namespace and metric name exactly, plus dimension filters whose values may
 * contain {@code *} (any run of characters) and {@code ?} (one character), so one rule covers every
 * instance (matched by {@link Glob}, in time linear in the value for usual globs). As in CloudWatch, a series is identified by its whole dimension set: a series matches only
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
}

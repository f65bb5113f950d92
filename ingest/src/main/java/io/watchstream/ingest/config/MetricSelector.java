package io.watchstream.ingest.config;

import java.util.List;
import java.util.Map;

/**
 * One metric selector, expanded into concrete series with ListMetrics. {@code dimensions} maps a
 * dimension name to a value pattern ({@code *} and {@code ?} wildcards); a metric matches when it has
 * exactly these dimension names (or at least them, with {@code allowOtherDimensions}).
 */
public record MetricSelector(
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    List<String> statistics,
    Integer period,
    Boolean highResolution,
    Boolean allowOtherDimensions,
    String unit) {
  public MetricSelector {
    dimensions = dimensions == null ? Map.of() : UnmodifiableCopies.copy(dimensions);
    statistics = statistics == null ? List.of("Average") : UnmodifiableCopies.copy(statistics);
    period = period == null ? 60 : period;
    highResolution = highResolution == null ? Boolean.FALSE : highResolution;
    allowOtherDimensions = allowOtherDimensions == null ? Boolean.FALSE : allowOtherDimensions;
  }

  /** Short human-readable form for messages. */
  public String describe() {
    return namespace + "/" + metricName + dimensions + statistics + "@" + period + "s";
  }
}

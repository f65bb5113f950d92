package io.watchstream.ingest.config;

import java.time.Duration;
import java.util.List;

/**
 * Metric polling. {@code overlap} is how far back each poll re-reads (CloudWatch data arrives minutes
 * late); it is also the bound on lateness: a datapoint arriving later than that is not picked up.
 */
public record MetricsConfig(
    Duration pollInterval,
    Duration overlap,
    Duration initialLookback,
    Duration refreshInterval,
    Integer maxQueriesPerCall,
    List<MetricSelector> selectors) {
  public MetricsConfig {
    pollInterval = pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
    overlap = overlap == null ? Duration.ofMinutes(10) : overlap;
    initialLookback = initialLookback == null ? Duration.ofMinutes(15) : initialLookback;
    refreshInterval = refreshInterval == null ? Duration.ofMinutes(15) : refreshInterval;
    // 500 is GetMetricData's limit of queries per call.
    maxQueriesPerCall = maxQueriesPerCall == null ? 500 : maxQueriesPerCall;
    selectors = selectors == null ? List.of() : UnmodifiableCopies.copy(selectors);
  }
}

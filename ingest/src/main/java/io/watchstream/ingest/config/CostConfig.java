package io.watchstream.ingest.config;

/**
 * CloudWatch list prices in US dollars used for the start-up cost estimate (us-east-1 at the time of
 * writing: GetMetricData is billed per metric requested, other calls per request). Override if yours differ.
 */
public record CostConfig(Double perThousandMetricsRequested, Double perThousandListMetricsRequests, Double perThousandLogsRequests) {
  public CostConfig {
    perThousandMetricsRequested = perThousandMetricsRequested == null ? 0.01 : perThousandMetricsRequested;
    perThousandListMetricsRequests = perThousandListMetricsRequests == null ? 0.01 : perThousandListMetricsRequests;
    perThousandLogsRequests = perThousandLogsRequests == null ? 0.0 : perThousandLogsRequests;
  }
}

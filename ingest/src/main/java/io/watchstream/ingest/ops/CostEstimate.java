package io.watchstream.ingest.ops;

import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.MetricsConfig;
import io.watchstream.ingest.config.CostConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * Estimated CloudWatch API cost per hour of the configured polling, printed at start-up so that a
 * selector matching ten times more series than expected is noticed before the bill. GetMetricData is
 * billed per metric requested (each query is one, however many datapoints it returns); ListMetrics and
 * Logs calls per request, at the prices in {@link CostConfig}.
 */
public record CostEstimate(int series, long getMetricDataCallsPerPoll, double metricsRequestedPerHour,
                           double listMetricsRequestsPerHour, double logsRequestsPerHour, double dollarsPerHour) {

  public static CostEstimate of(IngestConfig config, int series, int listMetricsPagesPerRefresh) {
    MetricsConfig m = config.metrics();
    double pollsPerHour = perHour(m.pollInterval());
    long callsPerPoll = (series + m.maxQueriesPerCall() - 1) / m.maxQueriesPerCall();
    double metricsRequested = series * pollsPerHour;
    double listRequests = listMetricsPagesPerRefresh * perHour(m.refreshInterval());
    double logsRequests = config.logs().sources().size() * perHour(config.logs().pollInterval());
    CostConfig c = config.cost();
    double dollars = metricsRequested / 1000 * c.perThousandMetricsRequested()
        + listRequests / 1000 * c.perThousandListMetricsRequests()
        + logsRequests / 1000 * c.perThousandLogsRequests();
    return new CostEstimate(series, callsPerPoll, metricsRequested, listRequests, logsRequests, dollars);
  }

  private static double perHour(Duration interval) {
    return 3_600_000.0 / Math.max(1, interval.toMillis());
  }

  public String describe() {
    return String.format(Locale.ROOT,
        "estimated CloudWatch API cost: $%.2f/hour ($%.0f/month) for %d series: %d GetMetricData calls per poll, "
            + "%.0f metrics requested/hour, %.0f ListMetrics requests/hour, %.0f FilterLogEvents requests/hour (at least)",
        dollarsPerHour, dollarsPerHour * 730, series, getMetricDataCallsPerPoll, metricsRequestedPerHour,
        listMetricsRequestsPerHour, logsRequestsPerHour);
  }
}

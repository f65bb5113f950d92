package io.watchstream.runtime.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The periods CloudWatch can aggregate a metric over: 1, 5, 10 or 30 seconds for a high-resolution metric, and
 * any multiple of 60 seconds for every metric. A rule or a query with any other period (61 s, 7 s) would never
 * see a datapoint, so it is refused where it is written.
 */
public final class CloudWatchPeriods {

  private static final Set<Long> HIGH_RESOLUTION_SECONDS = Set.of(1L, 5L, 10L, 30L);

  private CloudWatchPeriods() {
  }

  /**
   * Why {@code period} is not one CloudWatch produces, or empty when it is. {@code highResolutionAllowed}: whether
   * the sub-minute periods may be used (ingest knows a metric's resolution; a rule does not, so it allows them).
   */
  public static Optional<String> problem(Duration period, boolean highResolutionAllowed) {
    long millis = period.toMillis();
    if (millis <= 0) {
      return Optional.of("must be positive: 1s, 5s, 10s, 30s or a multiple of 60s");
    }
    if (millis % 1000 != 0) {
      return Optional.of("must be a whole number of seconds: 1s, 5s, 10s, 30s or a multiple of 60s");
    }
    long seconds = millis / 1000;
    if (seconds % 60 == 0 || (highResolutionAllowed && HIGH_RESOLUTION_SECONDS.contains(seconds))) {
      return Optional.empty();
    }
    return Optional.of(highResolutionAllowed
        ? "CloudWatch has no " + seconds + "-second period: use 1s, 5s, 10s or 30s (high-resolution metrics) or a multiple of 60s"
        : "CloudWatch has no " + seconds + "-second period for a standard-resolution metric: use a multiple of 60s"
            + " (or set highResolution: true for 1, 5, 10 or 30 seconds)");
  }
}

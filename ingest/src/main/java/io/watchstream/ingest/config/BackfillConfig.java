package io.watchstream.ingest.config;

import java.time.Duration;

/** Backfill ({@code --from/--to}) reads history at no more than {@code maxCallsPerSecond} GetMetricData calls. */
public record BackfillConfig(Double maxCallsPerSecond, Duration chunk) {
  public BackfillConfig {
    maxCallsPerSecond = maxCallsPerSecond == null ? 2.0 : maxCallsPerSecond;
    chunk = chunk == null ? Duration.ofHours(3) : chunk;
  }
}

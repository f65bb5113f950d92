package io.watchstream.ingest.config;

import java.time.Duration;
import java.util.List;

/**
 * Log polling with FilterLogEvents. All groups share one rate limiter of {@code requestsPerSecond}
 * (the account-wide FilterLogEvents quota is 5 per second). {@code overlap} re-reads that much before
 * the last event timestamp to catch events ingested late; 0 means exactly "after the last timestamp,
 * minus the event ids already seen at it".
 */
public record LogsConfig(
    Duration pollInterval,
    Duration overlap,
    Duration initialLookback,
    Double requestsPerSecond,
    Integer pageLimit,
    List<LogSource> sources) {
  public LogsConfig {
    pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
    overlap = overlap == null ? Duration.ZERO : overlap;
    initialLookback = initialLookback == null ? Duration.ofMinutes(5) : initialLookback;
    requestsPerSecond = requestsPerSecond == null ? 5.0 : requestsPerSecond;
    pageLimit = pageLimit == null ? 10_000 : pageLimit;
    sources = sources == null ? List.of() : UnmodifiableCopies.copy(sources);
  }
}

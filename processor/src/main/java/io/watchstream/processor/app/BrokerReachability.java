package io.watchstream.processor.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the processor can reach the Kafka cluster right now, and since when it cannot: set by the
 * watchdog's periodic probe and by the production handler when a write fails with a retriable error, cleared
 * by the next successful probe. Health reports it as DEGRADED (the work waits, nothing is skipped);
 * {@code watchstream_processor_broker_unreachable_seconds} exposes it.
 */
public final class BrokerReachability {

  /** Unreachable since {@code since}; {@code reason} is the latest failure, bounded. */
  public record Unreachable(Instant since, String reason) {}

  private final Clock clock;
  private volatile Unreachable current;

  public BrokerReachability() {
    this(Clock.systemUTC());
  }

  BrokerReachability(Clock clock) {
    this.clock = clock;
  }

  synchronized void failed(String reason) {
    Unreachable was = current;
    current = new Unreachable(was == null ? clock.instant() : was.since(), reason);
  }

  synchronized void reached() {
    current = null;
  }

  public Optional<Unreachable> current() {
    return Optional.ofNullable(current);
  }

  public double unreachableSeconds() {
    Unreachable u = current;
    return u == null ? 0 : (clock.millis() - u.since().toEpochMilli()) / 1000.0;
  }
}

package io.watchstream.schemas;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether some thread is waiting on an unavailable schema registry right now, since when and why — what a
 * health endpoint reports as DEGRADED and a metric exposes as the dependency-wait gauge. Thread-safe: every
 * stream thread's serde calls may wait at once; the outage is over when the last of them got an answer.
 */
public final class RegistryOutage {

  /** The registry is being waited on since {@code since}; {@code lastError} is the latest failure seen. */
  public record Wait(Instant since, String lastError, int waitingCalls) {}

  private final Clock clock;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong sinceMillis = new AtomicLong(-1);
  private final AtomicLong totalWaits = new AtomicLong();
  private volatile String lastError = "";

  public RegistryOutage() {
    this(Clock.systemUTC());
  }

  RegistryOutage(Clock clock) {
    this.clock = clock;
  }

  // synchronized with ended(): a wait beginning while the last one ends must not lose its start time
  synchronized void began(String error) {
    lastError = error;
    if (waiting.getAndIncrement() == 0) {
      sinceMillis.set(clock.millis());
      totalWaits.incrementAndGet();
    }
  }

  void failedAgain(String error) {
    lastError = error;
  }

  synchronized void ended() {
    if (waiting.decrementAndGet() == 0) {
      sinceMillis.set(-1);
    }
  }

  /** The current wait, or empty when no call is waiting on the registry. */
  public Optional<Wait> current() {
    long since = sinceMillis.get();
    int calls = waiting.get();
    return since < 0 || calls <= 0 ? Optional.empty() : Optional.of(new Wait(Instant.ofEpochMilli(since), lastError, calls));
  }

  /** Seconds the current wait has lasted (0 when none): the dependency-wait gauge. */
  public double waitingSeconds() {
    long since = sinceMillis.get();
    return since < 0 ? 0 : (clock.millis() - since) / 1000.0;
  }

  /** How many outages (periods with at least one waiting call) began since start. */
  public long outagesSeen() {
    return totalWaits.get();
  }
}

package io.watchstream.ingest.retry;

import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How long to wait before retrying a poll cycle that failed after the SDK's own per-call retries gave up
 * (endpoint down, long throttling). Exponential with full jitter (the SDK's strategy), reset by a success.
 * A failed cycle is always retried: watermarks and checkpoints only move on commit, so the retry
 * re-reads exactly what the failed attempt missed.
 */
public final class CycleBackoff {

  private final BackoffStrategy strategy;
  private int consecutiveFailures;

  public CycleBackoff(Duration base, Duration max) {
    this.strategy = BackoffStrategy.exponentialDelay(base, max);
  }

  /** Records a failure and returns the delay before the retry. */
  public Duration onFailure() {
    consecutiveFailures++;
    return strategy.computeDelay(consecutiveFailures);
  }

  public void onSuccess() {
    consecutiveFailures = 0;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }
}

package io.watchstream.notifier.delivery;

import java.time.Duration;

/**
 * How to wait for Slack while it is unavailable (5xx, I/O errors, 429, a refused token): there is no last
 * attempt, because an outage is waited out, never dead-lettered. Transient failures back off exponentially from
 * {@code initialBackoff} up to {@code maxBackoff}; a 429 waits Retry-After, at most {@code maxRetryAfter} before
 * the next try.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(2));
  }

  /** The wait after {@code failedAttempts} failures in a row (1 = the first failure). */
  public Duration backoff(int failedAttempts) {
    long millis = initialBackoff.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  Duration retryAfter(Duration asked) {
    return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
  }
}

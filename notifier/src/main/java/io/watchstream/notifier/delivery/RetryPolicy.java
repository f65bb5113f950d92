package io.watchstream.notifier.delivery;

import java.time.Duration;

/**
 * How hard to try one Slack call: at most {@code maxAttempts} attempts; transient failures back off
 * exponentially from {@code initialBackoff} up to {@code maxBackoff}; a 429 waits exactly Retry-After,
 * unless Slack asks for more than {@code maxRetryAfter}, which gives up (the message is dead-lettered
 * rather than blocking every other channel behind it).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  Duration backoff(int failedAttempts) {
    long millis = initialBackoff.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}

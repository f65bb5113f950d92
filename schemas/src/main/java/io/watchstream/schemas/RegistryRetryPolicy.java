package io.watchstream.schemas;

import java.time.Duration;

/**
 * How a schema-registry client rides out an unreachable registry: capped exponential backoff between
 * attempts, and how many attempts at most ({@code 0} = for as long as the outage lasts, the default of every
 * service: fault-model case (b), the work waits rather than skipping or dead-lettering a record).
 *
 * <p>Only an unreachable registry and answers that say "not now" (5xx, 408, 429) are retried; any other 4xx
 * is a definite answer (40403 unknown schema id: the record is bad; 409 incompatible: a configuration error).
 */
public record RegistryRetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

  public RegistryRetryPolicy {
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxAttempts < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff and maxAttempts >= 0 (0 = unbounded)");
    }
  }

  /** 200 ms doubling up to 10 s, unbounded: a 30 s outage costs at most ~10 s of extra wait after it ends. */
  public static RegistryRetryPolicy untilAvailable() {
    return new RegistryRetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), 0);
  }

  /** 5 attempts from 200 ms (about 3 s): one-shot tools (replay) report an absent registry rather than wait for it. */
  public static RegistryRetryPolicy oneShot() {
    return attempts(5, Duration.ofMillis(200));
  }

  /** At most {@code attempts} attempts (for one-shot tools that should fail rather than wait). */
  public static RegistryRetryPolicy attempts(int attempts, Duration initialBackoff) {
    return new RegistryRetryPolicy(initialBackoff, initialBackoff.multipliedBy(32), attempts);
  }

  /** True when an answer with this HTTP status (-1: no answer at all) may be different on a later attempt. */
  public static boolean isRetriable(int httpStatus) {
    return httpStatus < 0 || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
  }

  boolean mayRetryAfter(int attempt) {
    return maxAttempts == 0 || attempt < maxAttempts;
  }

  Duration backoffAfter(int attempt) {
    long ms = initialBackoff.toMillis();
    for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }
}

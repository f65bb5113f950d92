package io.watchstream.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Slack's posting limit: about one message per second per channel. Each call reserves the next free
 * slot of a channel and says how long to wait for it; bursts therefore spread out instead of earning 429s.
 * A 429's Retry-After pushes the channel's next slot further out.
 */
public final class ChannelRateLimiter {

  private final Duration interval;
  private final Map<String, Instant> nextFree = new HashMap<>();

  public ChannelRateLimiter(Duration interval) {
    this.interval = interval;
  }

  /** Reserves a slot for {@code channel} and returns how long to wait from {@code now} before sending. */
  public synchronized Duration reserve(String channel, Instant now) {
    Instant free = nextFree.getOrDefault(channel, now);
    Instant slot = free.isAfter(now) ? free : now;
    nextFree.put(channel, slot.plus(interval));
    return Duration.between(now, slot);
  }

  /** Slack said "not before {@code retryAfter}" for this channel. */
  public synchronized void backOff(String channel, Instant now, Duration retryAfter) {
    Instant until = now.plus(retryAfter);
    nextFree.merge(channel, until, (a, b) -> a.isAfter(b) ? a : b);
  }
}

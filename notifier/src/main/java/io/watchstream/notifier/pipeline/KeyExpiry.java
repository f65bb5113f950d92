package io.watchstream.notifier.pipeline;

import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.StateKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys ({@code sent} and {@code done}) are only needed while a redelivery is possible: at most once an
 * hour, those older than the state retention (or without a readable time stamp) are deleted from the state topic.
 */
final class KeyExpiry {

  private static final Logger LOG = LoggerFactory.getLogger(KeyExpiry.class);
  private static final Duration EVERY = Duration.ofHours(1);

  private final NotifierStateStore state;
  private final Duration retention;
  private Instant lastExpiry = Instant.EPOCH;

  KeyExpiry(NotifierStateStore state, Duration retention) {
    this.state = state;
    this.retention = retention;
  }

  void expire(Instant now) {
    if (Duration.between(lastExpiry, now).compareTo(EVERY) < 0) {
      return;
    }
    lastExpiry = now;
    long cutoff = now.minus(retention).toEpochMilli();
    Map<String, String> tombstones = new LinkedHashMap<>();
    for (String prefix : List.of(StateKeys.SENT, StateKeys.DONE)) {
      state.withPrefix(prefix).forEach((k, v) -> {
        if (!writtenAfter(v, cutoff)) {
          tombstones.put(k, null);
        }
      });
    }
    if (!tombstones.isEmpty()) {
      state.write(tombstones);
      LOG.info("Expired {} idempotency keys older than {}", tombstones.size(), retention);
    }
  }

  private static boolean writtenAfter(String stamp, long cutoff) {
    try {
      return Long.parseLong(stamp) >= cutoff;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

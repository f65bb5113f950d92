package io.watchstream.notifier.engine;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A silence or maintenance window, as stored (JSON) in the compacted silences topic under its id.
 *
 * <p>{@code matchers} must all match (see {@link AlertMatcher}). It is active between {@code startsAt} and {@code endsAt}
 * (either may be open) and, when {@code recurrence} is set, only inside the recurring window.
 */
public record Silence(
    String id,
    Map<String, String> matchers,
    Instant startsAt,
    Instant endsAt,
    Recurrence recurrence,
    String createdBy,
    String comment) {

  public Silence {
    matchers = Map.copyOf(new TreeMap<>(matchers == null ? Map.of() : matchers));
    if (matchers.isEmpty()) {
      // A silence without matchers would mute everything; require the operator to say so with rule=*.
      throw new IllegalArgumentException("a silence needs at least one matcher (use rule=* to mute everything)");
    }
  }

  public boolean isActive(Instant now) {
    boolean inRange = (startsAt == null || !now.isBefore(startsAt)) && (endsAt == null || now.isBefore(endsAt));
    return inRange && (recurrence == null || recurrence.covers(now));
  }

  public boolean isExpired(Instant now) {
    return endsAt != null && !now.isBefore(endsAt);
  }

  public boolean matches(Alert alert, String channel) {
    return new AlertMatcher(matchers).matches(alert, channel);
  }
}

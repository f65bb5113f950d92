package io.watchstream.notifier.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences in force, mirrored from the compacted silences topic (a tombstone removes one).
 * Thread-safe: the topic reader updates it while the delivery loop reads it.
 */
public final class SilenceBook {

  private final Map<String, Silence> silences = new ConcurrentHashMap<>();

  public void put(Silence silence) {
    silences.put(silence.id(), silence);
  }

  public void remove(String id) {
    silences.remove(id);
  }

  public Collection<Silence> all() {
    return List.copyOf(silences.values());
  }

  public Optional<Silence> matching(Alert alert, String channel, Instant now) {
    return silences.values().stream()
        .filter(s -> s.isActive(now) && s.matches(alert, channel))
        .findFirst();
  }
}

package io.watchstream.notifier.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups of an {@link IncidentEngine} inside their group wait: not posted yet, known only to this instance, each
 * holding the alert ids it will announce and the consumed records ({@code S}) it keeps back from commit.
 */
final class GroupWaits<S> {

  /** One group wait: when it ends, and what it gathered so far. */
  record Wait<S>(Instant flushAt, List<String> alertIds, List<S> sources) {
  }

  private final Map<GroupKey, Wait<S>> waits = new LinkedHashMap<>();

  boolean contains(GroupKey key) {
    return waits.containsKey(key);
  }

  void start(GroupKey key, Instant flushAt, String alertId, S source) {
    List<String> ids = new ArrayList<>(List.of(alertId));
    List<S> sources = new ArrayList<>();
    sources.add(source);
    waits.put(key, new Wait<>(flushAt, ids, sources));
  }

  /** Adds a transition to a running wait; false when the group is not waiting. */
  boolean join(GroupKey key, String alertId, S source) {
    Wait<S> wait = waits.get(key);
    if (wait == null) {
      return false;
    }
    wait.alertIds().add(alertId);
    wait.sources().add(source);
    return true;
  }

  /** Ends every wait at {@code now}. */
  void endAll(Instant now) {
    waits.replaceAll((k, w) -> new Wait<>(now, w.alertIds(), w.sources()));
  }

  /** Removes and returns, in the order they started, the waits that are over at {@code now}. */
  Map<GroupKey, Wait<S>> takeDue(Instant now) {
    Map<GroupKey, Wait<S>> due = new LinkedHashMap<>();
    for (Iterator<Map.Entry<GroupKey, Wait<S>>> it = waits.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<GroupKey, Wait<S>> e = it.next();
      if (!e.getValue().flushAt().isAfter(now)) {
        due.put(e.getKey(), e.getValue());
        it.remove();
      }
    }
    return due;
  }
}

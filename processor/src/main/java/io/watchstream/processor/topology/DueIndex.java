package io.watchstream.processor.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * In-memory index of when each state of a task next needs evaluation, so a punctuation reads only the
 * states that are due instead of decoding every one. It is a cache, not state: it starts empty after
 * every (re)initialisation of the task, and then the first punctuation — or any change of the rule set —
 * scans the whole store and rebuilds it.
 *
 * <p>Keys are grouped by due time (due times fall on period ends, so many keys share one), so a
 * punctuation visits only the groups that are due rather than every key of the task.
 */
final class DueIndex {
  private final Map<String, Long> due = new HashMap<>();
  private final TreeMap<Long, Set<String>> byTime = new TreeMap<>();
  private boolean complete;
  private long generation = Long.MIN_VALUE;

  void clear() {
    due.clear();
    byTime.clear();
    complete = false;
  }

  /** Records when {@code key} is next due; {@link Long#MAX_VALUE} means never (without new input). */
  void set(String key, long dueAt) {
    if (dueAt == Long.MAX_VALUE) {
      remove(key);
      return;
    }
    Long previous = due.put(key, dueAt);
    if (previous != null) {
      if (previous == dueAt) {
        return;
      }
      unlink(key, previous);
    }
    byTime.computeIfAbsent(dueAt, t -> new HashSet<>()).add(key);
  }

  void remove(String key) {
    Long previous = due.remove(key);
    if (previous != null) {
      unlink(key, previous);
    }
  }

  private void unlink(String key, long dueAt) {
    Set<String> keys = byTime.get(dueAt);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      byTime.remove(dueAt);
    }
  }

  /** True when the whole store must be scanned: first punctuation since init, or the rules changed. */
  boolean needsFullScan(long ruleGeneration) {
    return !complete || generation != ruleGeneration;
  }

  void fullScanDone(long ruleGeneration) {
    complete = true;
    generation = ruleGeneration;
  }

  /** Keys due at or before {@code now}; they stay indexed until {@link #set} or {@link #remove} moves them. */
  List<String> dueAt(long now) {
    List<String> out = new ArrayList<>();
    for (Set<String> keys : byTime.headMap(now, true).values()) {
      out.addAll(keys);
    }
    return out;
  }
}

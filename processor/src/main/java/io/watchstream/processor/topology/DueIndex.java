package io.watchstream.processor.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
 * punctuation visits only the groups that are due rather than every key of the task. A key that moves to
 * another due time is not unlinked from its old group (that was most of the cost of {@link #set}, which
 * runs per datapoint): a group's entries are checked against the key's current due time when it is read.
 */
final class DueIndex {
  private final Map<String, Long> due = new HashMap<>();
  private final TreeMap<Long, List<String>> byTime = new TreeMap<>();
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
      due.remove(key);
      return;
    }
    Long previous = due.put(key, dueAt);
    if (previous == null || previous != dueAt) {
      byTime.computeIfAbsent(dueAt, t -> new ArrayList<>()).add(key);
    }
  }

  void remove(String key) {
    due.remove(key);
  }

  /** True when the whole store must be scanned: first punctuation since init, or the rules changed. */
  boolean needsFullScan(long ruleGeneration) {
    return !complete || generation != ruleGeneration;
  }

  void fullScanDone(long ruleGeneration) {
    complete = true;
    generation = ruleGeneration;
  }

  /**
   * Keys due at or before {@code now}, each once. They stay indexed until {@link #set} or {@link #remove}
   * moves them; the groups read here are dropped, so a key still due is re-filed under its due time.
   */
  List<String> dueAt(long now) {
    Set<String> out = new LinkedHashSet<>(); // a key that moved away and back sits twice in one group
    Map<Long, List<String>> head = byTime.headMap(now, true);
    List<Long> times = new ArrayList<>(head.keySet());
    for (Long t : times) {
      for (String key : byTime.remove(t)) {
        Long current = due.get(key);
        if (current != null && current.longValue() == t && current <= now) {
          out.add(key);
        }
      }
    }
    for (String key : out) {
      // callers set or remove every key they are given; until they do, keep it findable
      byTime.computeIfAbsent(due.get(key), t -> new ArrayList<>()).add(key);
    }
    return new ArrayList<>(out);
  }
}

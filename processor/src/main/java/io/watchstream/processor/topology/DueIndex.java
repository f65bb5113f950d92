package io.watchstream.processor.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory index of when each state of a task next needs evaluation, so a punctuation reads only the
 * states that are due instead of decoding every one. It is a cache, not state: it starts empty after
 * every (re)initialisation of the task, and then the first punctuation — or any change of the rule set —
 * scans the whole store and rebuilds it.
 */
final class DueIndex {
  private final Map<String, Long> due = new HashMap<>();
  private boolean complete;
  private long generation = Long.MIN_VALUE;

  void clear() {
    due.clear();
    complete = false;
  }

  void set(String key, long dueAt) {
    due.put(key, dueAt);
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

  /** Keys due at or before {@code now}. */
  List<String> dueAt(long now) {
    List<String> out = new ArrayList<>();
    due.forEach((k, v) -> {
      if (v <= now) {
        out.add(k);
      }
    });
    return out;
  }
}

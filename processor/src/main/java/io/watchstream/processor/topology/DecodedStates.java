package io.watchstream.processor.topology;

import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.SeriesState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task's threshold-rule store seen through a bounded map of already decoded values, so a datapoint does
 * not decode its instance's states again (decoding was a fifth of the processor's time). Every write goes to
 * the store first, so the store — with its changelog — stays the truth; this map is a cache of it. It must be
 * {@linkplain #clear() cleared} whenever the store may have moved without it: on every (re)initialisation of
 * the task (a task revived after an aborted transaction restores its store from the changelog), and when a
 * caller's update fails half-way ({@link #forget}).
 */
final class DecodedStates {
  private final KeyValueStore<String, InstanceStates> store;
  private final Map<String, InstanceStates> decoded;

  DecodedStates(KeyValueStore<String, InstanceStates> store, int maxEntries) {
    this.store = store;
    // insertion order (oldest written first out): an access-ordered map would relink an entry on every read
    this.decoded = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, InstanceStates> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The value for {@code key}, decoded once; callers may change it in place and must then {@link #put} it. */
  InstanceStates get(String key) {
    InstanceStates v = decoded.get(key);
    if (v == null) {
      v = store.get(key);
      if (v != null) {
        decoded.put(key, v);
      }
    }
    return v;
  }

  /** The decoded value for {@code key} if one is held, else {@code fromStore} (e.g. from a store iterator). */
  InstanceStates heldOr(String key, InstanceStates fromStore) {
    InstanceStates v = decoded.get(key);
    return v != null ? v : fromStore;
  }

  void put(String key, InstanceStates value) {
    store.put(key, value);
    decoded.put(key, value);
  }

  void putAll(List<KeyValue<String, InstanceStates>> entries) {
    store.putAll(entries);
    for (KeyValue<String, InstanceStates> kv : entries) {
      decoded.put(kv.key, kv.value);
    }
  }

  void delete(String key) {
    store.delete(key);
    decoded.remove(key);
  }

  /** Drops the decoded value of a key whose in-place change may not have reached the store. */
  void forget(String key) {
    decoded.remove(key);
  }

  /** Puts back the stored state of one rule on an instance after its evaluation failed half-way. */
  void restoreRule(InstanceStates entry, String instanceKey, String ruleId) {
    entry.states.removeIf(s -> s.ruleId.equals(ruleId));
    InstanceStates stored = store.get(instanceKey); // the store has no cache: this decodes what was last written
    SeriesState before = stored == null ? null : stored.find(ruleId);
    if (before != null) {
      before.dimensions = entry.dimensions;
      entry.states.add(before);
    }
  }

  void clear() {
    decoded.clear();
  }
}

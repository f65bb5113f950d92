package io.watchstream.replay.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store of live objects on the heap, for the in-memory replay engine: no serde, no cache, no
 * changelog — a replay's state lives exactly as long as the replay. Point reads and writes are hash-map
 * operations; iteration ({@link #all}, {@link #range}) is in key order, as a RocksDB store iterates, over a
 * snapshot taken when the iterator is created (the processors delete while they sweep, after iterating).
 * Not thread-safe for writers: a store belongs to one replay task; a store shared between tasks (the rules
 * store) is written before the tasks start and only read afterwards.
 */
final class HeapStore<V> implements KeyValueStore<String, V> {

  private final String name;
  private final Map<String, V> entries = new HashMap<>();

  HeapStore(String name) {
    this.name = name;
  }

  @Override
  public void put(String key, V value) {
    if (value == null) {
      entries.remove(key); // a null value deletes, as in every Kafka Streams key-value store
    } else {
      entries.put(key, value);
    }
  }

  @Override
  public V putIfAbsent(String key, V value) {
    V old = entries.get(key);
    if (old == null) {
      put(key, value);
    }
    return old;
  }

  @Override
  public void putAll(List<KeyValue<String, V>> list) {
    for (KeyValue<String, V> kv : list) {
      put(kv.key, kv.value);
    }
  }

  @Override
  public V delete(String key) {
    return entries.remove(key);
  }

  @Override
  public V get(String key) {
    return entries.get(key);
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    List<KeyValue<String, V>> out = new ArrayList<>();
    for (Map.Entry<String, V> e : entries.entrySet()) {
      if ((from == null || e.getKey().compareTo(from) >= 0) && (to == null || e.getKey().compareTo(to) <= 0)) {
        out.add(KeyValue.pair(e.getKey(), e.getValue()));
      }
    }
    return sorted(out);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return range(null, null);
  }

  @Override
  public long approximateNumEntries() {
    return entries.size();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // nothing to restore: a replay starts from empty state
  }

  @Override
  public void close() {
    entries.clear();
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  private static <V> KeyValueIterator<String, V> sorted(List<KeyValue<String, V>> list) {
    list.sort((a, b) -> a.key.compareTo(b.key));
    Iterator<KeyValue<String, V>> it = Collections.unmodifiableList(list).iterator();
    return new KeyValueIterator<>() {
      private int position;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KeyValue<String, V> next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        position++;
        return it.next();
      }

      @Override
      public String peekNextKey() {
        if (position >= list.size()) {
          throw new NoSuchElementException();
        }
        return list.get(position).key;
      }

      @Override
      public void close() {
      }
    };
  }
}

package io.watchstream.processor.topology;

import io.watchstream.schemas.DeadLetterHeaders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many records the processor set aside, per destination topic and {@link DeadLetterHeaders.Kind}: plain
 * counters, shared by every task, for the application to publish as metrics. Thread-safe.
 */
public final class SetAsideCounts {

  /** A destination topic and why records went there. */
  public record Key(String topic, String kind) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  /** Makes the counter exist at 0, so a metric shows it (and {@code increase()} sees its first record). */
  public void expect(String topic, DeadLetterHeaders.Kind kind) {
    counts.computeIfAbsent(new Key(topic, kind.header()), k -> new LongAdder());
  }

  public void add(String topic, DeadLetterHeaders.Kind kind) {
    counts.computeIfAbsent(new Key(topic, kind.header()), k -> new LongAdder()).increment();
  }

  public long get(String topic, DeadLetterHeaders.Kind kind) {
    LongAdder a = counts.get(new Key(topic, kind.header()));
    return a == null ? 0 : a.sum();
  }

  public long get(Key key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  /** Every counter so far. */
  public Map<Key, Long> snapshot() {
    Map<Key, Long> out = new java.util.HashMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return Map.copyOf(out);
  }
}

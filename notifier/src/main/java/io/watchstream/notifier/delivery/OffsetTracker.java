package io.watchstream.notifier.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumer offsets are safe to commit. A record may be held back (e.g. inside a group wait) after
 * later records were already handled; the committable offset of a partition is therefore the lowest
 * offset still held, or one past the highest record handled. Committing never skips an undelivered record.
 */
public final class OffsetTracker {

  /** A consumed record, used as the engine's opaque source token. */
  public record Position(TopicPartition partition, long offset) {
  }

  private final Map<TopicPartition, TreeMap<Long, Integer>> held = new HashMap<>();
  private final Map<TopicPartition, Long> handledUpTo = new HashMap<>();
  private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();

  public void hold(Position p) {
    held.computeIfAbsent(p.partition(), k -> new TreeMap<>()).merge(p.offset(), 1, Integer::sum);
  }

  public void release(Position p) {
    TreeMap<Long, Integer> offsets = held.get(p.partition());
    if (offsets != null) {
      offsets.computeIfPresent(p.offset(), (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  public void handled(Position p) {
    handledUpTo.merge(p.partition(), p.offset() + 1, Math::max);
  }

  /** Offsets that moved since the last call and may be committed now. */
  public Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    handledUpTo.forEach((tp, next) -> {
      TreeMap<Long, Integer> offsets = held.get(tp);
      long safe = offsets == null || offsets.isEmpty() ? next : Math.min(next, offsets.firstKey());
      if (!Long.valueOf(safe).equals(lastCommitted.get(tp))) {
        out.put(tp, new OffsetAndMetadata(safe));
      }
    });
    return out;
  }

  public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, o) -> lastCommitted.put(tp, o.offset()));
  }

  /** Forgets partitions this instance no longer owns. */
  public void revoke(java.util.Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> {
      held.remove(tp);
      handledUpTo.remove(tp);
      lastCommitted.remove(tp);
    });
  }
}

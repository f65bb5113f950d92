package io.watchstream.replay.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.common.serialization.Serde;

/**
 * What one stream task gives its processors, in memory: its stores (created on first use, by name), its
 * stream time and (fixed) wall-clock time, the metadata of the record being processed, and its punctuation
 * schedules. Stream-time punctuation follows Kafka Streams' rules: a punctuator first fires at the first
 * known stream time and then at each interval boundary stream time reaches (missed boundaries are
 * skipped, not replayed), and is called with the current stream time. Wall-clock punctuators are
 * accepted and never fire, since the wall clock does not move.
 */
final class ReplayTask {

  private final TaskId id;
  private final Map<String, StateStore> stores = new HashMap<>();
  private final List<PunctuationSchedule> schedules = new ArrayList<>();
  private long streamTime = -1;
  /** Fixed: see {@link InMemoryReplayEngine} for why replay needs no wall clock. */
  private final long systemTime;
  private Metadata metadata;

  ReplayTask(TaskId id, long startWallClock, StateStore sharedRulesStore) {
    this.id = id;
    this.systemTime = startWallClock;
    stores.put(sharedRulesStore.name(), sharedRulesStore);
  }

  TaskId id() {
    return id;
  }

  /** A context for one processor of this task, whose forwarded records go to {@code downstream}. */
  <K, V> ProcessorContext<K, V> context(Consumer<Record<K, V>> downstream) {
    return new Context<>(downstream);
  }

  void onRecord(String topic, int partition, long offset, long recordStreamTime) {
    metadata = new Metadata(topic, partition, offset);
    streamTime = Math.max(streamTime, recordStreamTime);
  }

  /** Moves stream time (never backwards) and runs the stream-time punctuators now due. */
  void advanceStreamTime(long t) {
    streamTime = Math.max(streamTime, t);
    fire(PunctuationType.STREAM_TIME, streamTime);
  }

  private void fire(PunctuationType type, long now) {
    if (now < 0) {
      return;
    }
    metadata = null; // punctuations have no current record
    for (PunctuationSchedule s : schedules) {
      if (s.type == type && !s.cancelled && s.next <= now) {
        s.punctuator.punctuate(now);
        long next = s.next + s.interval;
        if (now >= next) {
          next = s.next + ((now - s.next) / s.interval + 1) * s.interval;
        }
        s.next = next;
      }
    }
  }

  private record Metadata(String topic, int partition, long offset) implements RecordMetadata {}

  private final class Context<K, V> implements ProcessorContext<K, V> {
    private final Consumer<Record<K, V>> downstream;

    Context(Consumer<Record<K, V>> downstream) {
      this.downstream = downstream;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K1 extends K, V1 extends V> void forward(Record<K1, V1> record) {
      downstream.accept((Record<K, V>) record);
    }

    @Override
    public <K1 extends K, V1 extends V> void forward(Record<K1, V1> record, String childName) {
      forward(record); // every processor here has one child
    }

    @Override
    public String applicationId() {
      return "watchstream-replay";
    }

    @Override
    public TaskId taskId() {
      return id;
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return Optional.ofNullable(metadata);
    }

    @Override
    public Serde<?> keySerde() {
      throw new UnsupportedOperationException("the in-memory replay engine passes objects, not bytes");
    }

    @Override
    public Serde<?> valueSerde() {
      throw new UnsupportedOperationException("the in-memory replay engine passes objects, not bytes");
    }

    @Override
    public java.io.File stateDir() {
      throw new UnsupportedOperationException("the in-memory replay engine keeps no state on disk");
    }

    @Override
    public StreamsMetrics metrics() {
      throw new UnsupportedOperationException("the in-memory replay engine records no Streams metrics");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
      return (S) stores.computeIfAbsent(name, HeapStore::new);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
      long ms = interval.toMillis();
      PunctuationSchedule s = type == PunctuationType.STREAM_TIME
          ? new PunctuationSchedule(type, ms, 0L, callback)            // Kafka aligns stream-time punctuation to 0
          : new PunctuationSchedule(type, ms, systemTime + ms, callback); // and wall-clock punctuation to "now"
      schedules.add(s);
      return s;
    }

    @Override
    public Cancellable schedule(java.time.Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
      PunctuationSchedule s = new PunctuationSchedule(type, interval.toMillis(), startTime.toEpochMilli(), callback);
      schedules.add(s);
      return s;
    }

    @Override
    public void commit() {
      // nothing to commit: the replay's state is not kept
    }

    @Override
    public Map<String, Object> appConfigs() {
      return Map.of();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
      return Map.of();
    }

    @Override
    public long currentSystemTimeMs() {
      return systemTime;
    }

    @Override
    public long currentStreamTimeMs() {
      return streamTime;
    }
  }
}

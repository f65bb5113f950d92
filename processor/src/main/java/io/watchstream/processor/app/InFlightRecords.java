package io.watchstream.processor.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which record each stream thread is processing right now and since when, written by
 * {@link RecordTimingWrapper} around every {@code process()} call and read by health and metrics. A thread
 * that has been inside one record for longer than a bound is <em>stuck</em> (a pathological input or a defect
 * that the per-record budgets missed): that must show even though Kafka Streams still says RUNNING.
 *
 * <p>Each thread writes only its own slot; readers see a consistent enough picture through volatile fields.
 * Nested calls (a processor forwarding to the next) time the outermost one: that is the record's whole cost.
 */
public final class InFlightRecords {

  /** A thread inside one record for {@code elapsed}: where the record came from and which processor runs it. */
  public record Stuck(String thread, String processor, String source, Duration elapsed) {}

  static final class Slot {
    private final Thread owner;
    private final String thread;
    private volatile long startedNanos; // 0: idle
    private volatile String processor = "";
    private volatile String source = "";
    private int depth;

    Slot(Thread owner) {
      this.owner = owner;
      this.thread = owner.getName();
    }
  }

  private final Map<Long, Slot> slots = new ConcurrentHashMap<>();
  private final ThreadLocal<Slot> own = ThreadLocal.withInitial(() -> {
    Thread t = Thread.currentThread();
    Slot slot = new Slot(t);
    slots.put(t.getId(), slot);
    return slot;
  });

  /** Called by the thread about to process a record; {@code source} is topic-partition@offset when known. */
  void entered(String processor, String source) {
    Slot slot = own.get();
    if (slot.depth++ == 0) {
      slot.processor = processor;
      slot.source = source;
      slot.startedNanos = Math.max(1, System.nanoTime());
    }
  }

  /** Called by the same thread when the record's processing returned or threw. */
  void left() {
    Slot slot = own.get();
    if (--slot.depth <= 0) {
      slot.depth = 0;
      slot.startedNanos = 0;
    }
  }

  /** Threads inside one record for longer than {@code bound}, longest first. */
  public List<Stuck> stuckLongerThan(Duration bound) {
    long now = System.nanoTime();
    List<Stuck> out = new ArrayList<>();
    slots.values().removeIf(slot -> !slot.owner.isAlive()); // replaced stream threads
    for (Slot slot : slots.values()) {
      long started = slot.startedNanos;
      if (started != 0 && now - started > bound.toNanos()) {
        out.add(new Stuck(slot.thread, slot.processor, slot.source, Duration.ofNanos(now - started)));
      }
    }
    out.sort((a, b) -> b.elapsed().compareTo(a.elapsed()));
    return out;
  }

  /** The longest time any thread has been inside its current record (zero when all are idle). */
  public Duration longestInFlight() {
    long now = System.nanoTime();
    long longest = 0;
    for (Slot slot : slots.values()) {
      long started = slot.startedNanos;
      if (started != 0) {
        longest = Math.max(longest, now - started);
      }
    }
    return Duration.ofNanos(longest);
  }
}

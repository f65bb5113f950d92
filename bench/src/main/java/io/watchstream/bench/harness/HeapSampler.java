package io.watchstream.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the JVM's used heap every few milliseconds so each phase of the benchmark can report its peak.
 *
 * <p>All services of a benchmark run share this JVM with the broker, so a phase's peak includes the broker and
 * whatever the earlier phases left behind. {@link #beginPhase()} therefore runs a full GC first and remembers the
 * heap still in use then (the baseline); the figure reported for a service is the peak during its phase and the
 * peak minus that baseline, which is what the service itself added.
 */
public final class HeapSampler implements AutoCloseable {

  /** A phase's heap figures in bytes. */
  public record Peak(long baselineBytes, long peakBytes) {
    public long addedBytes() {
      return Math.max(0, peakBytes - baselineBytes);
    }

    public String describe() {
      return String.format(java.util.Locale.ROOT, "%d MiB (+%d MiB over %d MiB baseline)",
          peakBytes >> 20, addedBytes() >> 20, baselineBytes >> 20);
    }
  }

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long baseline;

  public HeapSampler() {
    sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Collects garbage, records the baseline and restarts peak tracking. */
  public void beginPhase() {
    System.gc();
    baseline = used();
    peak.set(baseline);
  }

  /** The figures since {@link #beginPhase()}. */
  public Peak endPhase() {
    peak.accumulateAndGet(used(), Math::max);
    return new Peak(baseline, peak.get());
  }

  private long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(used(), Math::max);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}

package io.watchstream.ingest;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How {@link IngestService}'s loop is stopped: {@link #request()} from any thread, checked by the loop between
 * duties and by its sleeps, which wake at least once a second to see it; {@link #loopEnded()} when the loop
 * returns, which {@link #awaitLoopEnd} in {@code close()} waits for.
 */
final class StopSignal {

  private final CountDownLatch loopEnded = new CountDownLatch(1);
  private volatile boolean requested;

  void request() {
    requested = true;
  }

  boolean requested() {
    return requested;
  }

  /** Sleeps up to {@code d} (at most a second at a time), returning early once a stop is requested. */
  void sleep(Duration d) {
    if (d.isNegative() || d.isZero() || requested) {
      return;
    }
    try {
      // Waiting on the latch lets the end of the loop cut the sleep short.
      loopEnded.await(Math.min(d.toMillis(), 1000), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requested = true;
    }
  }

  void loopEnded() {
    loopEnded.countDown();
  }

  void awaitLoopEnd(Duration timeout) {
    try {
      loopEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

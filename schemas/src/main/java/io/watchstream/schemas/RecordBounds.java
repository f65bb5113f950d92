package io.watchstream.schemas;

import java.time.Duration;
import java.time.Instant;

/**
 * The event-time range a service accepts, relative to its wall clock, and the cap on the timestamps it writes; one
 * rule for ingest (what it writes to the data topics) and the processor (what reaches its state). A datapoint or log
 * event stamped more than {@code futureSkew} ahead of the wall clock, or more than {@code pastAge} behind it, is out
 * of bounds: ingest sets it aside to {@code <topic>.dlq}, the processor to {@code <topic>.late} (kind
 * {@code out-of-bounds}). Records written never carry a timestamp ahead of the wall clock, so the broker never
 * refuses them ({@code log.message.timestamp.after.max.ms} is one hour by default), since a refused record would
 * stall a whole transaction.
 *
 * <p>{@link #DEFAULTS} follow CloudWatch's own PutMetricData: two hours ahead, two weeks behind (ingest takes its
 * past bound from its config, CloudWatch's 15-month retention by default). Replay evaluates history, so it runs
 * {@link #UNBOUNDED}; its input is held only to the fixed range of {@link EventTimeLimits}.
 *
 * @param futureSkew how far ahead of the wall clock an event may be stamped; null for no bound
 * @param pastAge how far behind the wall clock an event may be stamped; null for no bound
 */
public record RecordBounds(Duration futureSkew, Duration pastAge) {

  public static final RecordBounds DEFAULTS = new RecordBounds(Duration.ofHours(2), Duration.ofDays(14));
  /** No bound and no cap: for replay, whose events are history by definition. */
  public static final RecordBounds UNBOUNDED = new RecordBounds(null, null);

  public RecordBounds {
    if (futureSkew != null && futureSkew.isNegative() || pastAge != null && pastAge.isNegative()) {
      throw new IllegalArgumentException("record bounds must not be negative: " + futureSkew + ", " + pastAge);
    }
  }

  public boolean bounded() {
    return futureSkew != null || pastAge != null;
  }

  /** Why {@code eventTime} is outside the bounds at wall-clock time {@code wall}, or null when it is inside. */
  public String violation(long eventTime, long wall) {
    if (futureSkew != null && eventTime - wall > futureSkew.toMillis()) {
      return "timestamp " + text(eventTime) + " is more than " + futureSkew + " ahead of the wall clock " + text(wall);
    }
    if (pastAge != null && wall - eventTime > pastAge.toMillis()) {
      return "timestamp " + text(eventTime) + " is more than " + pastAge + " behind the wall clock " + text(wall);
    }
    return null;
  }

  /** The timestamp to write for an output record meant for {@code timestamp}: never ahead of the wall clock. */
  public long outputTimestamp(long timestamp, long wall) {
    return bounded() ? Math.min(timestamp, wall) : timestamp;
  }

  private static String text(long millis) {
    try {
      return Instant.ofEpochMilli(millis).toString();
    } catch (java.time.DateTimeException e) {
      return millis + " ms";
    }
  }
}

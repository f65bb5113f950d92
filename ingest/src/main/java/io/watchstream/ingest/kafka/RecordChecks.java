package io.watchstream.ingest.kafka;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.ingest.config.BoundsConfig;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import io.watchstream.schemas.RecordBounds;

/**
 * Decides which records ingest may write to the data topics and which it sets aside (fault model case (a)):
 * a datapoint with a non-finite value, a datapoint or log event stamped outside the {@link RecordBounds} (further
 * ahead of ingest's clock than CloudWatch itself accepts, older than CloudWatch keeps, or before the epoch), a log
 * event too large for the broker. The Kafka record timestamp is {@link RecordBounds#outputTimestamp}: the event's
 * own time, never later than ingest's clock.
 */
public final class RecordChecks {

  /** Why a record is set aside: its kind for {@code watchstream.error.kind} and a reason for people. */
  public record Verdict(Kind kind, String reason) {
  }

  private final RecordBounds bounds;
  private final int maxRecordBytes;

  public RecordChecks(BoundsConfig bounds) {
    this.bounds = new RecordBounds(bounds.maxFutureSkew(), bounds.maxPastAge());
    this.maxRecordBytes = bounds.maxRecordBytes();
  }

  /** Null when the datapoint may be written. */
  public Verdict check(MetricDatapoint d, long nowMillis) {
    double v = d.getValue();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return new Verdict(Kind.BAD_RECORD, "non-finite value " + v);
    }
    return time("datapoint", d.getTimestamp().toEpochMilli(), nowMillis);
  }

  /** Null when the log event may be written (its size is checked on its encoded bytes, {@link #tooLarge}). */
  public Verdict check(LogEvent e, long nowMillis) {
    return time("log event", e.getTimestamp().toEpochMilli(), nowMillis);
  }

  /** Null when {@code encodedBytes} fit into one record. */
  public Verdict tooLarge(int encodedBytes) {
    return encodedBytes <= maxRecordBytes ? null : new Verdict(Kind.BAD_RECORD,
        "log event of " + encodedBytes + " encoded bytes exceeds the record limit of " + maxRecordBytes + " bytes");
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  /** The Kafka timestamp for an event at {@code eventMillis}: its own time, capped at now. */
  public long recordTimestamp(long eventMillis, long nowMillis) {
    return bounds.outputTimestamp(eventMillis, nowMillis);
  }

  private Verdict time(String what, long eventMillis, long nowMillis) {
    if (eventMillis < 0) {
      return new Verdict(Kind.OUT_OF_BOUNDS, what + " stamped " + eventMillis + " ms, before the epoch");
    }
    String violation = bounds.violation(eventMillis, nowMillis);
    return violation == null ? null : new Verdict(Kind.OUT_OF_BOUNDS, what + " " + violation);
  }
}

package io.watchstream.ingest.kafka;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.schemas.DeadLetterHeaders.Kind;

/**
 * Decides which records ingest may write to the data topics and which it sets aside (fault model case (a)):
 * a datapoint with a non-finite value, a datapoint or log event stamped further ahead of ingest's clock than
 * CloudWatch itself accepts or older than CloudWatch keeps, a log event too large for the broker. It also
 * chooses the Kafka record timestamp: the event's own time, but never later than ingest's clock, because the
 * broker refuses timestamps more than {@code log.message.timestamp.after.max.ms} (1 h by default) ahead, and
 * a refused record would stall the whole transaction, and with it every series, for good.
 */
public final class RecordBounds {

  /** Why a record is set aside: its kind for {@code watchstream.error.kind} and a reason for people. */
  public record Verdict(Kind kind, String reason) {
  }

  private final long maxFutureSkewMillis;
  private final long maxPastAgeMillis;
  private final int maxRecordBytes;

  public RecordBounds(IngestConfig.Bounds bounds) {
    this.maxFutureSkewMillis = bounds.maxFutureSkew().toMillis();
    this.maxPastAgeMillis = bounds.maxPastAge().toMillis();
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
  public static long recordTimestamp(long eventMillis, long nowMillis) {
    return Math.min(eventMillis, nowMillis);
  }

  private Verdict time(String what, long eventMillis, long nowMillis) {
    if (eventMillis - nowMillis > maxFutureSkewMillis) {
      return new Verdict(Kind.OUT_OF_BOUNDS, what + " stamped " + (eventMillis - nowMillis) / 1000 + " s ahead of ingest's"
          + " clock (limit " + maxFutureSkewMillis / 1000 + " s)");
    }
    if (eventMillis < 0 || nowMillis - eventMillis > maxPastAgeMillis) {
      return new Verdict(Kind.OUT_OF_BOUNDS, what + " stamped " + eventMillis + " ms since the epoch, older than "
          + maxPastAgeMillis / 86_400_000 + " days");
    }
    return null;
  }
}

package io.watchstream.schemas;

import java.time.Instant;

/**
 * The event times a file of records may carry (replay's CSV and JSON-lines input, local mode's scenario files),
 * whatever the wall clock says: from the Unix epoch, because a Kafka record cannot carry an earlier timestamp and
 * CloudWatch keeps nothing that old, to the last millisecond of the year 9999, the last instant ISO-8601 writes with
 * four digits. Within these limits every period boundary and gap fits a {@code long} of milliseconds with room to
 * spare, so no evaluation overflows; outside them a time is refused, never truncated.
 *
 * <p>These are limits of representation, not of freshness: how far ahead of the wall clock a live service accepts
 * data is {@link RecordBounds}.
 */
public final class EventTimeLimits {

  /** 1970-01-01T00:00:00Z. */
  public static final long EARLIEST_MILLIS = 0L;
  /** 9999-12-31T23:59:59.999Z. */
  public static final long LATEST_MILLIS = 253_402_300_799_999L;
  /** What is accepted, for messages. */
  public static final String RANGE = "from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z";
  /**
   * Epoch-millisecond numbers below this (before 1973-03-03T09:46:40Z) are refused as ambiguous: as epoch seconds the
   * same digits are any time up to the year 5138, and a file from a seconds-based tool is far likelier than data from
   * 1970 to 1973.
   */
  public static final long SMALLEST_EPOCH_MILLIS_NUMBER = 100_000_000_000L;

  private static final Instant EARLIEST = Instant.ofEpochMilli(EARLIEST_MILLIS);
  private static final Instant LATEST = Instant.ofEpochMilli(LATEST_MILLIS);

  private EventTimeLimits() {}

  /** Why an event at {@code millis} cannot be used ("is before …; expected …"), or null when it can. */
  public static String problem(long millis) {
    if (millis < EARLIEST_MILLIS) {
      return "is before 1970-01-01T00:00:00Z (no Kafka record or CloudWatch datapoint is older); expected a time " + RANGE;
    }
    if (millis > LATEST_MILLIS) {
      return "is after 9999-12-31T23:59:59.999Z; expected a time " + RANGE;
    }
    return null;
  }

  /** As {@link #problem(long)}, for an instant of any size. */
  public static String problem(Instant t) {
    return problem(t.isBefore(EARLIEST) ? -1 : t.isAfter(LATEST) ? LATEST_MILLIS + 1 : t.toEpochMilli());
  }

  /**
   * Why an epoch-millisecond number cannot be used, or null: out of the limits (including a number beyond a
   * {@code long}, {@code fitsLong} false, whose sign is {@code negative}), or so small it is likely epoch seconds.
   */
  public static String numberProblem(String digits, boolean fitsLong, long millis) {
    boolean negative = digits.startsWith("-");
    if (!fitsLong || millis < EARLIEST_MILLIS || millis > LATEST_MILLIS) {
      long beyond = !fitsLong ? (negative ? -1 : LATEST_MILLIS + 1) : millis;
      return digits + " as epoch milliseconds " + problem(beyond)
          + (beyond > LATEST_MILLIS ? " (epoch microseconds or nanoseconds are not read)" : "");
    }
    if (millis < SMALLEST_EPOCH_MILLIS_NUMBER) {
      return digits + " looks like epoch seconds (as epoch milliseconds it is " + Instant.ofEpochMilli(millis)
          + "); expected epoch milliseconds, 13 digits for this century (" + digits + "000), or an ISO-8601 instant";
    }
    return null;
  }
}

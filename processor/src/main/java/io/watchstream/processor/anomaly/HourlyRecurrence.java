package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;

/**
 * Remembers, per hour of day, the largest surprise of today and of the two previous days, so that an event
 * that happened at about this time (± 1 hour) on each of the two previous days, like a nightly batch job,
 * is recognised as recurring rather than anomalous. Requiring two days keeps yesterday's one-off anomaly
 * from excusing today's.
 */
final class HourlyRecurrence {

  static final int HOURS = 24;
  static final int BYTES = 3 * HOURS * Float.BYTES + HOURS * Integer.BYTES;

  final float[] today = new float[HOURS];
  final float[] yesterday = new float[HOURS];
  final float[] dayBefore = new float[HOURS];
  /** Day number (epoch days) that {@code today[h]} belongs to. */
  final int[] dayOf = new int[HOURS];

  /** The surprise level that recurred at this time of day on both previous days (0 if none). */
  double reference(int day, int hour) {
    for (int d = -1; d <= 1; d++) {
      roll(Math.floorMod(hour + d, HOURS), day);
    }
    return referenceWithoutUpdate(day, hour);
  }

  /**
   * {@link #reference} without rolling any hour over to {@code day}: for a late datapoint, which must not change
   * the model. Reads each hour as {@link #roll} would leave it.
   */
  double referenceWithoutUpdate(int day, int hour) {
    double y = 0;
    double b = 0;
    for (int d = -1; d <= 1; d++) {
      int h = Math.floorMod(hour + d, HOURS);
      int gap = day - dayOf[h];
      y = Math.max(y, gap <= 0 ? yesterday[h] : gap == 1 ? today[h] : 0);
      b = Math.max(b, gap <= 0 ? dayBefore[h] : gap == 1 ? yesterday[h] : gap == 2 ? today[h] : 0);
    }
    return Math.min(y, b);
  }

  void observe(int day, int hour, double surprise) {
    roll(hour, day);
    today[hour] = (float) Math.max(today[hour], surprise);
  }

  private void roll(int h, int day) {
    int gap = day - dayOf[h];
    if (gap <= 0) {
      return;
    }
    dayBefore[h] = gap == 1 ? yesterday[h] : gap == 2 ? today[h] : 0;
    yesterday[h] = gap == 1 ? today[h] : 0;
    today[h] = 0;
    dayOf[h] = day;
  }

  void write(ByteBuffer out) {
    for (int h = 0; h < HOURS; h++) {
      out.putFloat(today[h]).putFloat(yesterday[h]).putFloat(dayBefore[h]).putInt(dayOf[h]);
    }
  }

  void read(ByteBuffer in) {
    for (int h = 0; h < HOURS; h++) {
      today[h] = in.getFloat();
      yesterday[h] = in.getFloat();
      dayBefore[h] = in.getFloat();
      dayOf[h] = in.getInt();
    }
  }
}

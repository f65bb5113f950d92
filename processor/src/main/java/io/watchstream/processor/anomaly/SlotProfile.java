package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A seasonal profile learned online: the period (a day or a week) is cut into fixed slots, each holding an
 * exponentially weighted average of the values seen in that slot. Floats keep a weekly profile at
 * 5-minute resolution (2,016 slots) at 8 KB. A slot never seen is NaN.
 */
final class SlotProfile {

  final long periodMillis;
  final long slotMillis;
  final float[] slots;

  SlotProfile(long periodMillis, long slotMillis) {
    this.periodMillis = periodMillis;
    this.slotMillis = slotMillis;
    this.slots = new float[(int) (periodMillis / slotMillis)];
    Arrays.fill(slots, Float.NaN);
  }

  int slotOf(long timestampMillis) {
    return (int) (Math.floorMod(timestampMillis, periodMillis) / slotMillis);
  }

  /** The learned value for this time of day/week, NaN if the slot has never been seen. */
  double expected(long timestampMillis) {
    return slots[slotOf(timestampMillis)];
  }

  void update(long timestampMillis, double value, double alpha) {
    int s = slotOf(timestampMillis);
    float old = slots[s];
    slots[s] = Float.isNaN(old) ? (float) value : (float) (old + alpha * (value - old));
  }

  int bytes() {
    return slots.length * Float.BYTES;
  }

  void write(ByteBuffer out) {
    for (float f : slots) {
      out.putFloat(f);
    }
  }

  void read(ByteBuffer in) {
    for (int i = 0; i < slots.length; i++) {
      slots[i] = in.getFloat();
    }
  }
}

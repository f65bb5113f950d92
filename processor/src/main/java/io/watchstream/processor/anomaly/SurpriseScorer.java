package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;

/**
 * Turns standardised prediction errors into an anomaly score in [0, 1] that means the same on every series:
 * the score is {@code −log10(p) / 10}, where p is the probability, under this series' own history, of a
 * surprise at least as large as the current one. The history is a {@link SurpriseHistogram}, so a series
 * that is spiky by nature learns that its usual spikes are not rare, and a quiet series reacts to small
 * departures.
 * Surprise is the larger of the point error |z| and the standardised short-run mean of z, so that a level
 * shift too small to stand out point by point is found after a few datapoints. A score below the recent
 * (decaying) peak is damped by {@code 1 − peak}: an event already reported is not reported again and again,
 * which is what an on-call engineer wants and what NAB rewards (only the first detection in a window counts,
 * and every later one outside it costs).
 */
final class SurpriseScorer {

  /** Weight of the newest z in the short-run mean used to find level shifts. */
  static final double SHIFT_ALPHA = 0.3;
  /** A tail probability of 10^-SCORE_DECADES maps to score 1. */
  static final double SCORE_DECADES = 10;
  /** Per-datapoint decay of the recent peak score (half-life ≈ 700 datapoints). */
  static final double PEAK_DECAY = 0.999;
  static final double HOUR_DECAY = 0.997;
  static final double RECUR_RATIO = 1.5;
  static final int BYTES = SurpriseHistogram.BYTES + 2 * Double.BYTES + 24 * Float.BYTES;

  /** Under independent N(0,1) errors the EWMA of z has variance α/(2−α). */
  private static final double SHIFT_SD = Math.sqrt(SHIFT_ALPHA / (2 - SHIFT_ALPHA));

  final SurpriseHistogram history = new SurpriseHistogram();
  /** EWMA of signed z. */
  double shift;
  /** Recent peak score, decaying: a repeat of an event just reported is damped so it is reported once. */
  double peak;
  /** Decayed peak surprise per hour of day: a surprise as large as on previous days at this hour recurs. */
  final float[] hourPeak = new float[24];

  double update(double z) {
    return update(z, -1);
  }

  double update(double z, int hour) {
    if (!Double.isFinite(z)) {
      z = Math.copySign(1e12, z);
    }
    shift += SHIFT_ALPHA * (z - shift);
    double shiftZ = Math.abs(shift) / SHIFT_SD;
    double a = Math.max(Math.abs(z), shiftZ);
    double e = a;
    if (hour >= 0) {
      double ref = Math.max(hourPeak[hour], Math.max(hourPeak[(hour + 23) % 24], hourPeak[(hour + 1) % 24]));
      if (a < RECUR_RATIO * ref) {
        e = a * a / (RECUR_RATIO * ref);
      }
      hourPeak[hour] = (float) Math.max(hourPeak[hour] * HOUR_DECAY, a);
    }
    double tail = history.tailProbability(e);
    history.add(a);
    double score = Math.min(1.0, -Math.log10(tail) / SCORE_DECADES);
    double out = score > peak ? score : score * (1 - peak);
    peak = Math.max(peak * PEAK_DECAY, score);
    return out;
  }

  void write(ByteBuffer out) {
    history.write(out);
    for (float f : hourPeak) {
      out.putFloat(f);
    }
    out.putDouble(shift).putDouble(peak);
  }

  void read(ByteBuffer in) {
    history.read(in);
    for (int i = 0; i < 24; i++) {
      hourPeak[i] = in.getFloat();
    }
    shift = in.getDouble();
    peak = in.getDouble();
  }
}

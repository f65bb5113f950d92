package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;

/**
 * Turns standardised prediction errors into an anomaly score in [0, 1] that means the same on every series:
 * the score is {@code −log10(p) / 10}, where p is the probability, under this series' own history, of a
 * surprise at least as large as the current one. The history is a {@link SurpriseHistogram}, so a series
 * that is spiky by nature learns that its usual spikes are not rare, and a quiet series reacts to small
 * departures.
 * Surprise is the larger of the point error |z| and the standardised short-run mean of z, so that a level
 * shift too small to stand out point by point is found after a few datapoints. A surprise no larger than
 * the ones seen at about this time of day on both previous days ({@link HourlyRecurrence}: a nightly batch
 * job) is discounted. A score below the recent
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
  /** A surprise this many times the recurring level at this hour is not discounted at all. */
  static final double RECUR_RATIO = 1.5;
  static final int BYTES = SurpriseHistogram.BYTES + 2 * Double.BYTES + HourlyRecurrence.BYTES;

  /** Under independent N(0,1) errors the EWMA of z has variance α/(2−α). */
  private static final double SHIFT_SD = Math.sqrt(SHIFT_ALPHA / (2 - SHIFT_ALPHA));

  final SurpriseHistogram history = new SurpriseHistogram();
  /** EWMA of signed z. */
  double shift;
  /** Recent peak score, decaying: a repeat of an event just reported is damped so it is reported once. */
  double peak;
  final HourlyRecurrence recurrence = new HourlyRecurrence();

  /** Scores a standardised error without time of day (no recurrence discount). */
  double update(double z) {
    return update(z, -1, -1);
  }

  /** Scores a standardised error observed on epoch day {@code day} at hour of day {@code hour} (UTC). */
  double update(double z, int day, int hour) {
    if (!Double.isFinite(z)) {
      z = Math.copySign(1e12, z);
    }
    shift += SHIFT_ALPHA * (z - shift);
    double shiftZ = Math.abs(shift) / SHIFT_SD;
    double a = Math.max(Math.abs(z), shiftZ);
    // a surprise that recurred at this time of day on both previous days is discounted: fully when it is no
    // larger than then, not at all from RECUR_RATIO times larger, geometrically (in log p) in between
    double discount = 1;
    if (hour >= 0) {
      double ref = recurrence.reference(day, hour);
      if (ref > 0) {
        discount = Math.min(1, Math.max(0, (a / ref - 1) / (RECUR_RATIO - 1)));
      }
      recurrence.observe(day, hour, a);
    }
    double tail = discount == 0 ? 1 : Math.pow(history.tailProbability(a), discount);
    history.add(a);
    // 0.0 - x rather than -x: a certain event scores +0.0, not -0.0
    double score = Math.min(1.0, Math.max(0.0, (0.0 - Math.log10(tail)) / SCORE_DECADES));
    double out = score > peak ? score : score * (1 - peak);
    peak = Math.max(peak * PEAK_DECAY, score);
    return out;
  }

  /**
   * The score {@link #update} would give, without changing anything: for a datapoint that arrives late (at or
   * before the last one learned), which is scored against the model but not learned.
   */
  double peek(double z, int day, int hour) {
    if (!Double.isFinite(z)) {
      z = Math.copySign(1e12, z);
    }
    double shiftZ = Math.abs(shift + SHIFT_ALPHA * (z - shift)) / SHIFT_SD;
    double a = Math.max(Math.abs(z), shiftZ);
    double discount = 1;
    double ref = recurrence.referenceWithoutUpdate(day, hour);
    if (ref > 0) {
      discount = Math.min(1, Math.max(0, (a / ref - 1) / (RECUR_RATIO - 1)));
    }
    double tail = discount == 0 ? 1 : Math.pow(history.tailProbability(a), discount);
    double score = Math.min(1.0, Math.max(0.0, (0.0 - Math.log10(tail)) / SCORE_DECADES));
    return score > peak ? score : score * (1 - peak);
  }

  void write(ByteBuffer out) {
    history.write(out);
    recurrence.write(out);
    out.putDouble(shift).putDouble(peak);
  }

  void read(ByteBuffer in) {
    history.read(in);
    recurrence.read(in);
    shift = in.getDouble();
    peak = in.getDouble();
  }
}

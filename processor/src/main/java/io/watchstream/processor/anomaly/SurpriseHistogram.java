package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;

/**
 * A decayed histogram of surprise on a log₂ scale (third-octave bins from 2⁻⁴ to 2²⁸) answering
 * "how often has a surprise at least this large been seen lately?". Beyond the largest surprise seen the
 * tail is extrapolated as a power law whose index is estimated from the upper bins (Hill estimator).
 * Weights are scaled by a growing {@code weight} so that decaying the whole history costs O(1) per datapoint.
 */
final class SurpriseHistogram {

  static final int BINS = 96;
  /** Bin 0 holds surprise below 2^MIN_LOG2; bins are a third of an octave wide. */
  static final double MIN_LOG2 = -4;
  static final double BINS_PER_OCTAVE = 3;
  /** Per-datapoint decay of the history: about 500 datapoints (under two days at 5 minutes) of memory. */
  static final double DECAY = 0.998;
  /** Share of the history used to estimate the tail index. */
  static final double TAIL_SHARE = 0.05;
  /** One pseudo-observation in the denominator, so that a young history is never certain. */
  static final double PRIOR = 1.0;
  static final int BYTES = BINS * Float.BYTES + 2 * Double.BYTES;

  private static final double INV_LN2 = 1 / Math.log(2);
  private static final double[] LOWER_EDGE = new double[BINS + 1];

  static {
    for (int i = 0; i <= BINS; i++) {
      LOWER_EDGE[i] = Math.pow(2, MIN_LOG2 + i / BINS_PER_OCTAVE);
    }
  }

  final float[] bins = new float[BINS];
  double weight = 1.0;
  double total;
  /** Highest bin that ever received mass (derived, not stored): scans start there instead of at the top. */
  int highest;

  static int binOf(double a) {
    if (!(a > 0)) {
      return 0;
    }
    double b = (Math.log(a) * INV_LN2 - MIN_LOG2) * BINS_PER_OCTAVE;
    return (int) Math.max(0, Math.min(BINS - 1, Math.floor(b)));
  }

  static double lowerEdge(int bin) {
    return LOWER_EDGE[bin];
  }

  /**
   * P(surprise ≥ a) under the decayed history. Inside the seen range it is the decayed share of history at
   * or above a; from the highest bin holding at least half an observation upward, a power-law tail.
   */
  double tailProbability(double a) {
    double all = total + PRIOR;
    int top = -1;
    for (int i = highest; i >= 0; i--) {
      if (bins[i] >= 0.5 * weight) {
        top = i;
        break;
      }
    }
    if (top < 0) {
      return 1.0;
    }
    int b = binOf(a);
    double above = 0;
    for (int i = highest; i > Math.min(b, top - 1); i--) {
      above += bins[i];
    }
    if (b < top) {
      double lo = lowerEdge(b);
      double frac = 1 - Math.min(1, Math.max(0, (Math.log(a / lo) * INV_LN2) * BINS_PER_OCTAVE));
      return (above + frac * bins[b]) / weight / all;
    }
    double ratio = a / lowerEdge(top);
    return above / weight / all * Math.pow(Math.max(1, ratio), -hillIndex());
  }

  /** Tail index α of the upper {@link #TAIL_SHARE} of the history: 1 / mean log excess over its threshold. */
  double hillIndex() {
    double target = TAIL_SHARE * total * weight;
    double mass = 0;
    double logSum = 0;
    int i = highest;
    for (; i > 0 && mass < target; i--) {
      mass += bins[i];
      logSum += bins[i] * (i + 0.5);
    }
    if (mass <= 0) {
      return 2.0;
    }
    double meanExcess = (logSum / mass - (i + 1)) / BINS_PER_OCTAVE / INV_LN2;
    return Math.max(0.5, Math.min(4.0, 1 / Math.max(meanExcess, 1e-3)));
  }

  void add(double a) {
    weight /= DECAY;
    int b = binOf(a);
    bins[b] += (float) weight;
    highest = Math.max(highest, b);
    total = total * DECAY + 1;
    if (weight > 1e20) {
      // renormalise before float precision suffers
      for (int i = 0; i < BINS; i++) {
        bins[i] = (float) (bins[i] / weight);
      }
      weight = 1.0;
    }
  }

  void write(ByteBuffer out) {
    for (float f : bins) {
      out.putFloat(f);
    }
    out.putDouble(weight).putDouble(total);
  }

  void read(ByteBuffer in) {
    for (int i = 0; i < BINS; i++) {
      bins[i] = in.getFloat();
      if (bins[i] > 0) {
        highest = i;
      }
    }
    weight = in.getDouble();
    total = in.getDouble();
  }
}

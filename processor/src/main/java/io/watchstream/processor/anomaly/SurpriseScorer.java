package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;

/**
 * Turns standardised prediction errors into an anomaly score in [0, 1] that means the same on every
 * series (Numenta's "anomaly likelihood" idea): the surprise {@code u = ln(1 + |z|)} of each datapoint is
 * averaged over a short horizon and compared with the long-run distribution of surprise on this very
 * series; the score is the log of the Gaussian tail probability of that short-run average, scaled so
 * that a tail of 10⁻¹⁰ maps to 1. A series that is always noisy, or spiky by nature, thus learns that
 * its usual surprises are not anomalous, and a quiet series reacts to small departures.
 */
final class SurpriseScorer {

  static final int BYTES = 32;

  static double p(String k, double d) { return AdaptiveBaseline.p(k, d); }
  static final double SHORT_ALPHA = p("shortAlpha", 0.5);
  static final double LONG_ALPHA = p("longAlpha", 0.001);
  static final double MIN_STD = p("minStd", 0.05);
  static final double LOG_FLOOR = Math.log(1e-10);

  double shortMean;
  double longMean;
  double longVar;
  long n;

  double update(double z) {
    double u = Math.log1p(Math.min(Math.abs(z), 1e12));
    shortMean = n == 0 ? u : shortMean + SHORT_ALPHA * (u - shortMean);
    double score = 0;
    if (n > 0) {
      double std = Math.max(Math.sqrt(longVar), MIN_STD);
      double logTail = logUpperTail((shortMean - longMean) / std);
      score = Math.min(1.0, logTail / LOG_FLOOR);
    }
    // long-run statistics: a plain mean while young, then exponentially weighted
    n++;
    double a = Math.max(1.0 / n, LONG_ALPHA);
    double d = u - longMean;
    longMean += a * d;
    longVar = (1 - a) * (longVar + a * d * d);
    return score;
  }

  /** ln Q(x) for the standard normal upper tail, accurate to ~1e-7 relative and free of underflow. */
  static double logUpperTail(double x) {
    if (x < 0) {
      return Math.log(1 - Math.exp(logUpperTail(-x)));
    }
    double y = x / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * y);
    // erfc(y) = t·exp(−y² + P(t)) (Chebyshev fit, Numerical Recipes' erfcc)
    double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    return Math.log(t) - y * y + poly - Math.log(2);
  }

  void write(ByteBuffer out) {
    out.putDouble(shortMean).putDouble(longMean).putDouble(longVar).putLong(n);
  }

  void read(ByteBuffer in) {
    shortMean = in.getDouble();
    longMean = in.getDouble();
    longVar = in.getDouble();
    n = in.getLong();
  }
}

package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;

/**
 * Outlier-resistant running location and scale: exponentially weighted, with each residual clipped at
 * {@code clip} scale units (Huber) before it moves the estimates. A one-off spike therefore barely moves the
 * baseline, while a sustained change in level or variance is followed within a few dozen datapoints
 * (the scale grows geometrically while residuals stay clipped).
 */
final class LocationScale {

  static final int BYTES = 20;

  double level = Double.NaN;
  /** Mean absolute deviation of the residuals (≈ 0.8·σ for Gaussian noise). */
  double meanAbsDev;
  /** Updates seen, capped; while young the weights are 1/n so that the first estimates are plain means. */
  int n;

  boolean initialised() {
    return !Double.isNaN(level);
  }

  /** Updates with residual {@code x − level}, clipped at {@code clip} × max(scale, floor). */
  void update(double x, double levelAlpha, double scaleAlpha, double clip, double floor) {
    if (!initialised()) {
      level = x;
      meanAbsDev = 0;
      n = 1;
      return;
    }
    double e = x - level;
    // no clipping until the scale has been seen a few times: an early clip would freeze a wrong start
    double bound = n < 8 ? Double.POSITIVE_INFINITY : clip * Math.max(meanAbsDev, floor);
    double clipped = Math.max(-bound, Math.min(bound, e));
    if (n < Integer.MAX_VALUE) {
      n++;
    }
    level += Math.max(levelAlpha, 1.0 / n) * clipped;
    meanAbsDev += Math.max(scaleAlpha, 1.0 / n) * (Math.abs(clipped) - meanAbsDev);
  }

  void write(ByteBuffer out) {
    out.putDouble(level).putDouble(meanAbsDev).putInt(n);
  }

  void read(ByteBuffer in) {
    level = in.getDouble();
    meanAbsDev = in.getDouble();
    n = in.getInt();
  }
}

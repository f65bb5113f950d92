package io.watchstream.processor.anomaly;

/**
 * A model's verdict on one datapoint, computed before the datapoint updates the model.
 *
 * @param score    anomaly score in [0, 1]; 0 while training
 * @param expected the value the baseline predicted; NaN while training
 * @param lower    lower edge of the band (expected − sensitivity·σ); NaN while training
 * @param upper    upper edge of the band; NaN while training
 * @param model    the baseline that produced the prediction (robust or seasonal)
 * @param training true until the model has seen its minimum training period
 */
public record Score(double score, double expected, double lower, double upper, ModelKind model, boolean training) {

  /** True when the value lies outside the band, in the given direction. */
  public boolean outside(double value, Direction direction) {
    if (training) {
      return false;
    }
    return switch (direction) {
      case ABOVE -> value > upper;
      case BELOW -> value < lower;
      case BOTH -> value > upper || value < lower;
    };
  }

  /** Which side of the band counts as anomalous. */
  public enum Direction { ABOVE, BELOW, BOTH }
}

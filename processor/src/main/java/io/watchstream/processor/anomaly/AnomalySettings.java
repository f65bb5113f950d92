package io.watchstream.processor.anomaly;

/**
 * Per-rule model settings.
 *
 * @param sensitivity        band half-width in standard deviations (CloudWatch's "band width"), e.g. 3
 * @param minTrainingPeriods datapoints a series must have before it is scored
 */
public record AnomalySettings(double sensitivity, int minTrainingPeriods) {

  public static final AnomalySettings DEFAULTS = new AnomalySettings(3.0, 24);

  public AnomalySettings {
    if (!(sensitivity > 0)) {
      throw new IllegalArgumentException("sensitivity must be > 0, got " + sensitivity);
    }
    if (minTrainingPeriods < 0) {
      throw new IllegalArgumentException("minTrainingPeriods must be >= 0, got " + minTrainingPeriods);
    }
  }
}

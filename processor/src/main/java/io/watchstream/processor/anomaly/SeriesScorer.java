package io.watchstream.processor.anomaly;

/**
 * Runs a whole series through one fresh model, in row order: the offline twin of the streaming processor,
 * used by {@code watchstream score}, {@code watchstream nab} and replay, with exactly the same model code.
 */
public final class SeriesScorer {

  private SeriesScorer() {}

  public static Score[] scoreAll(long[] timestamps, double[] values, ModelKind kind, AnomalySettings settings) {
    BaselineModel model = new AdaptiveBaseline(kind, settings);
    Score[] scores = new Score[values.length];
    for (int i = 0; i < values.length; i++) {
      scores[i] = model.update(timestamps[i], values[i]);
    }
    return scores;
  }

  /** Just the anomaly scores, for evaluation. */
  public static double[] anomalyScores(long[] timestamps, double[] values, ModelKind kind, AnomalySettings settings) {
    Score[] all = scoreAll(timestamps, values, kind, settings);
    double[] out = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].score();
    }
    return out;
  }
}

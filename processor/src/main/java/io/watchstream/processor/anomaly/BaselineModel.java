package io.watchstream.processor.anomaly;

/**
 * A per-series streaming anomaly model. {@link #update} first scores the datapoint against what the
 * model learned from earlier datapoints only, then learns from it; O(1) time and bounded memory per call.
 * Implementations are not thread-safe: one instance per (rule, series), as held in a state store.
 */
public interface BaselineModel {

  /** Scores {@code value} observed at {@code timestampMillis}, then updates the model with it. */
  Score update(long timestampMillis, double value);

  /** The configured kind (auto, robust or seasonal). */
  ModelKind kind();

  /** Number of datapoints seen so far. */
  long count();
}

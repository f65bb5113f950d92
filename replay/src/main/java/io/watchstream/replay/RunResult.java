package io.watchstream.replay;

import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.ScalingCommand;
import java.util.List;

/**
 * Everything one rule set produced over one replay: alert transitions and scaling commands in output
 * order, anomaly scores (for the bands in plots), and the side outputs that signal input problems.
 *
 * @param alerts the alert records themselves (same order as {@code transitions}), for publishing
 * @param firstTimestamp event time of the first input record (epoch ms)
 * @param lastTimestamp the evaluation horizon: event time of the last input record, or the end of a time range
 * @param elapsedNanos wall time spent piping the input through the topology
 */
public record RunResult(
    String label,
    List<Transition> transitions,
    List<AlertTransition> alerts,
    List<ScalingCommand> scalingCommands,
    List<AnomalyScore> anomalyScores,
    long inputRecords,
    long lateRecords,
    long deadLetters,
    long firstTimestamp,
    long lastTimestamp,
    long elapsedNanos) {

  public double recordsPerSecond() {
    return elapsedNanos <= 0 ? 0 : inputRecords * 1e9 / elapsedNanos;
  }
}

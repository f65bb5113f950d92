package io.watchstream.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The machine-readable result of a replay ({@code --json}): the input, one block per rule set (rules, then
 * candidate), the diff between them and, with labelled windows, detection quality. Times are ISO-8601 UTC;
 * durations are milliseconds. Everything except {@code performance} is a pure function of input and rules,
 * so two runs over the same files produce the same summary (the golden test relies on it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplaySummary(
    Input input,
    List<RuleSet> ruleSets,
    List<RuleDiff> diff,
    Performance performance) {

  public record Input(String source, int series, long datapoints, long logEvents, String from, String to) {}

  public record RuleSet(String label, String file, long lateRecords, long deadLetters, Totals totals, List<RuleResult> rules) {}

  public record Totals(int transitions, int alarms, long timeInAlarmMs, int slackMessages, int scalingCommands) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RuleResult(
      String ruleId,
      String kind,
      int version,
      int seriesCovered,
      Totals totals,
      Detection detection,
      List<SeriesResult> series) {}

  public record SeriesResult(String series, Totals totals, List<Span> alarmSpans) {}

  /** A stretch in ALARM; {@code open} when the replay ended before the alarm did (end = replay horizon). */
  public record Span(String start, String end, long durationMs, boolean open) {}

  /**
   * Detection quality against labelled windows. A detection is an entry into ALARM; it is true when its
   * time falls inside a window. Precision = true detections / detections, recall = windows with a
   * detection / windows, delay = first detection in a window minus the window's start. {@code nab} is the
   * NAB-style score (standard profile, probation excluded), scored by {@code io.watchstream.replay.nab.NabScorer}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Detection(
      int labelledSeries,
      int windows,
      int windowsDetected,
      int detections,
      int trueDetections,
      Double precision,
      Double recall,
      Long meanDelayMs,
      Long medianDelayMs,
      Nab nab) {}

  public record Nab(String profile, double rawScore, double nullScore, double perfectScore, double normalised,
                    int truePositives, int falseNegatives, int falsePositives) {}

  /** Per rule: how the candidate's alerts differ from the baseline's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RuleDiff(
      String ruleId,
      String status,
      int added,
      int removed,
      int shifted,
      int unchanged,
      long timeInAlarmDeltaMs,
      int slackMessagesDelta,
      int scalingCommandsDelta,
      List<SeriesDiff> series) {}

  public record SeriesDiff(String series, List<Span> added, List<Span> removed, List<Shift> shifted) {}

  /** The same alert (overlapping ALARM spans) starting at another time; {@code byMs} > 0 means later. */
  public record Shift(String baselineStart, String candidateStart, long byMs) {}

  public record Performance(long inputRecords, double seconds, double recordsPerSecond) {}
}

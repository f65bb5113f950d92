package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.Comparison;
import io.watchstream.processor.rules.TreatMissingData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CloudWatch's M-out-of-N alarm evaluation, including its handling of missing data.
 *
 * <p>The input is the evaluation range: the last R periods (R ≥ N), oldest first, null where a period
 * has no datapoint. As CloudWatch documents it:
 * <ol>
 *   <li>With at least N real datapoints in the range, the N most recent real ones are evaluated (older
 *       ones reach back into the range to replace missing periods) and the missing-data setting plays no
 *       part: ALARM when at least M breach, else OK.
 *   <li>With no real datapoint at all: missing → INSUFFICIENT_DATA, ignore → current state kept,
 *       breaching → ALARM, notBreaching → OK.
 *   <li>With 0 &lt; k &lt; N real datapoints, all k are evaluated and N − k missing ones are filled in
 *       (as few as possible): breaching counts them as breaching, notBreaching as not breaching. With
 *       missing, only real datapoints count: ALARM when M of them breach, or when all of them breach and
 *       the oldest breaching one among the last N periods is at least M periods old ("avoiding premature
 *       transitions to alarm state"); all breaching but too recent keeps the state; otherwise OK. Ignore goes to
 *       ALARM only when M real datapoints breach, keeps the current state when every real datapoint
 *       breaches without reaching M, and is OK otherwise.
 * </ol>
 * These reproduce every row of the tables in the CloudWatch User Guide section "How alarm state is
 * evaluated when data is missing" (see {@code MofNEvaluatorTest}).
 */
public final class MofNEvaluator {

  /**
   * Result of one evaluation. The reason text is built only when asked for: callers need it for transitions,
   * and most evaluations of a steady series are not transitions.
   */
  public record Outcome(
      AlarmState state,
      boolean kept,
      List<Integer> evaluatedIndexes,
      int filled,
      int breaching,
      Supplier<String> reasonText) {

    public String reason() {
      return reasonText.get();
    }
  }

  private final int datapointsToAlarm;
  private final int evaluationPeriods;
  private final TreatMissingData treatMissingData;
  private final Comparison comparison;
  private final double threshold;
  /** The recovery threshold: in ALARM, a datapoint counts as breaching until it is past this one (null: none). */
  private final Double okThreshold;
  /** The end of every threshold reason, the same for every evaluation: built once (and once for the OK threshold). */
  private final String reasonEnd;
  private final String okReasonEnd;

  public MofNEvaluator(int datapointsToAlarm, int evaluationPeriods, TreatMissingData treatMissingData,
      Comparison comparison, double threshold) {
    this(datapointsToAlarm, evaluationPeriods, treatMissingData, comparison, threshold, null);
  }

  /**
   * With a recovery threshold ({@code okThreshold}, hysteresis): while the alarm is in ALARM, a datapoint breaches
   * unless it is past {@code okThreshold} (for {@code > 80} with {@code okThreshold} 70: a 75 keeps the alarm, a 65
   * counts toward OK), so a value hovering at the threshold does not flap.
   */
  public MofNEvaluator(int datapointsToAlarm, int evaluationPeriods, TreatMissingData treatMissingData,
      Comparison comparison, double threshold, Double okThreshold) {
    if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
      throw new IllegalArgumentException("need 1 <= M <= N");
    }
    this.datapointsToAlarm = datapointsToAlarm;
    this.evaluationPeriods = evaluationPeriods;
    this.treatMissingData = treatMissingData;
    this.comparison = comparison;
    this.threshold = threshold;
    this.okThreshold = okThreshold;
    this.reasonEnd = " were " + comparison.words() + " the threshold (" + format(threshold) + ") (minimum "
        + datapointsToAlarm + " datapoints for ALARM).";
    this.okReasonEnd = okThreshold == null ? reasonEnd : " were " + comparison.words() + " the recovery threshold ("
        + format(okThreshold) + ") (ALARM stays while " + datapointsToAlarm + " do; threshold " + format(threshold) + ").";
  }

  /**
   * @param range values of the evaluation range, oldest first; null marks a missing period
   * @param current the alarm's state before this evaluation (kept by {@code ignore})
   */
  public Outcome evaluate(List<Double> range, AlarmState current) {
    if (range.size() < evaluationPeriods) {
      throw new IllegalArgumentException("evaluation range shorter than evaluationPeriods");
    }
    List<Integer> real = new ArrayList<>();
    for (int i = range.size() - 1; i >= 0 && real.size() < evaluationPeriods; i--) {
      if (range.get(i) != null) {
        real.add(0, i);
      }
    }
    double t = current == AlarmState.ALARM && okThreshold != null ? okThreshold : threshold;
    String end = t == threshold ? reasonEnd : okReasonEnd;
    int breachingCount = 0;
    for (int i : real) {
      if (comparison.breaches(range.get(i), t)) {
        breachingCount++;
      }
    }
    final int breaching = breachingCount; // captured by the lazily built reasons
    int m = datapointsToAlarm;
    int n = evaluationPeriods;
    int k = real.size();
    if (k == n) {
      AlarmState s = breaching >= m ? AlarmState.ALARM : AlarmState.OK;
      return new Outcome(s, false, real, 0, breaching, () -> thresholdReason(end, range, real, 0, breaching));
    }
    if (k == 0) {
      return switch (treatMissingData) {
        case MISSING -> new Outcome(AlarmState.INSUFFICIENT_DATA, false, real, 0, 0,
            () -> "Insufficient Data: " + range.size() + " datapoints were unknown.");
        case IGNORE -> new Outcome(current, true, real, 0, 0,
            () -> "No datapoints in the last " + range.size() + " periods; missing data is ignored, state kept.");
        case BREACHING -> new Outcome(AlarmState.ALARM, false, real, n, n, () -> thresholdReason(end, range, real, n, n));
        case NOT_BREACHING -> new Outcome(AlarmState.OK, false, real, n, 0, () -> thresholdReason(end, range, real, n, 0));
      };
    }
    int fill = n - k;
    return switch (treatMissingData) {
      case BREACHING -> {
        int b = breaching + fill;
        yield new Outcome(b >= m ? AlarmState.ALARM : AlarmState.OK, false, real, fill, b, () -> thresholdReason(end, range, real, fill, b));
      }
      case NOT_BREACHING -> new Outcome(breaching >= m ? AlarmState.ALARM : AlarmState.OK, false, real, fill, breaching,
          () -> thresholdReason(end, range, real, fill, breaching));
      case MISSING -> {
        if (breaching >= m || (breaching == k && prematureAlarmAllowed(range, t))) {
          yield new Outcome(AlarmState.ALARM, false, real, 0, breaching, () -> thresholdReason(end, range, real, 0, breaching));
        }
        if (breaching == k) {
          // CloudWatch's "avoiding premature transitions": too few real datapoints, all breaching, but the
          // oldest of them is too recent to decide; the next datapoint may be non-breaching.
          yield new Outcome(current, true, real, 0, breaching, () -> "Only " + k + " of " + n
              + " datapoints present, all breaching, but too recent to alarm yet; state kept.");
        }
        yield new Outcome(AlarmState.OK, false, real, 0, breaching, () -> thresholdReason(end, range, real, 0, breaching));
      }
      case IGNORE -> {
        if (breaching >= m) {
          yield new Outcome(AlarmState.ALARM, false, real, 0, breaching, () -> thresholdReason(end, range, real, 0, breaching));
        }
        if (breaching >= Math.min(m, k)) {
          yield new Outcome(current, true, real, 0, breaching,
              () -> "Only " + k + " of " + n + " datapoints present, all breaching; missing data is ignored, state kept.");
        }
        yield new Outcome(AlarmState.OK, false, real, 0, breaching, () -> thresholdReason(end, range, real, 0, breaching));
      }
    };
  }

  /**
   * CloudWatch goes to ALARM on fewer than M real datapoints when the oldest breaching datapoint among the
   * last N periods is at least M periods old and every more recent period is breaching or missing
   * (the caller has checked that no real datapoint in the range is non-breaching).
   */
  private boolean prematureAlarmAllowed(List<Double> range, double t) {
    int size = range.size();
    for (int i = size - evaluationPeriods; i < size; i++) {
      Double v = range.get(i);
      if (v != null) {
        return comparison.breaches(v, t) && size - i >= datapointsToAlarm;
      }
    }
    return false;
  }

  /** CloudWatch-style reason: "Threshold Crossed: 2 out of the last 3 datapoints [91.2, 95.0, 40.0] were greater than the threshold (50.0) ...". */
  private String thresholdReason(String end, List<Double> range, List<Integer> real, int filled, int breaching) {
    // built by hand rather than String.format: this runs on every evaluation of every series
    StringBuilder sb = new StringBuilder(64 + 12 * real.size() + end.length()).append("Threshold Crossed: ").append(breaching)
        .append(" out of the last ").append(real.size() + filled).append(" datapoints [");
    for (int i = 0; i < real.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(format(range.get(real.get(i))));
    }
    sb.append(']');
    if (filled > 0) {
      sb.append(" (").append(filled).append(" missing treated as ").append(treatMissingData.wireName()).append(')');
    }
    return sb.append(end).toString();
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? (long) v + ".0" : Double.toString(v);
  }
}

package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.AnomalyRule;
import io.watchstream.processor.rules.Comparison;
import io.watchstream.processor.rules.TreatMissingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns anomaly scores into alarm states like a CloudWatch anomaly-detection alarm: a datapoint breaches
 * when it lies outside the model's band in the rule's direction; ALARM when {@code datapointsToAlarm} of
 * the last {@code evaluationPeriods} breach (M-of-N, periods without a datapoint treated as the rule's
 * {@code treatMissingData} says, missing by default). While the model trains there is no band: those periods count
 * as missing whatever the rule says, so a new series stays in INSUFFICIENT_DATA instead of alarming on an untrained
 * model. Decided on each scored datapoint.
 */
public final class AnomalyEvaluator {

  private final AnomalyRule rule;
  private final MofNEvaluator mofn;
  /** For a range that still holds training periods: the rule's missing-data treatment applies to absent data only. */
  private final MofNEvaluator whileTraining;

  public AnomalyEvaluator(AnomalyRule rule) {
    this.rule = rule;
    // each period becomes 1.0 (outside the band) or 0.0 (inside): ALARM on >= 1
    this.mofn = new MofNEvaluator(rule.datapointsToAlarm(), rule.evaluationPeriods(), rule.treatMissingData(),
        Comparison.GREATER_OR_EQUAL, 1.0);
    this.whileTraining = new MofNEvaluator(rule.datapointsToAlarm(), rule.evaluationPeriods(), TreatMissingData.MISSING,
        Comparison.GREATER_OR_EQUAL, 1.0);
  }

  /**
   * Whether {@code p} is outside the band in the rule's direction, by at least the rule's minimum deviation from the
   * expected value (absolute, and relative to it): a flat series has a band so narrow that noise would leave it.
   */
  public boolean outside(AnomalyState.Point p) {
    if (p.lower() == null || p.upper() == null) {
      return false;
    }
    if (p.expected() != null) {
      double deviation = Math.abs(p.value() - p.expected());
      if (deviation < rule.minDeviation() || deviation < rule.minRelativeDeviation() * Math.abs(p.expected())) {
        return false;
      }
    }
    return switch (rule.direction()) {
      case "above" -> p.value() > p.upper();
      case "below" -> p.value() < p.lower();
      default -> p.value() > p.upper() || p.value() < p.lower();
    };
  }

  public List<Emission> admit(AnomalyState s, long periodMs, AnomalyState.Point point) {
    long start = Math.floorDiv(point.timestamp(), periodMs) * periodMs;
    s.points.put(start, point);
    long end = start + periodMs;
    int range = rule.evaluationPeriods() + 2;
    long rangeStart = end - range * periodMs;
    s.points.headMap(rangeStart).clear();
    List<Double> flags = new ArrayList<>(range);
    boolean training = false;
    for (int i = 0; i < range; i++) {
      AnomalyState.Point p = s.points.get(rangeStart + i * periodMs);
      training |= p != null && p.expected() == null;
      flags.add(p == null || p.expected() == null ? null : outside(p) ? 1.0 : 0.0);
    }
    MofNEvaluator.Outcome o = (training ? whileTraining : mofn).evaluate(flags, s.state);
    String reason = reason(o, point);
    s.reason = reason;
    if (o.state() == s.state) {
      return List.of();
    }
    List<Double> values = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    List<InputPosition> inputs = new ArrayList<>();
    for (int i : o.evaluatedIndexes()) {
      AnomalyState.Point p = s.points.get(rangeStart + i * periodMs);
      values.add(p.value());
      timestamps.add(p.timestamp());
      if (p.input() != null) {
        inputs.add(p.input());
      }
    }
    long windowStart = o.evaluatedIndexes().isEmpty() ? end - rule.evaluationPeriods() * periodMs
        : rangeStart + o.evaluatedIndexes().get(0) * periodMs;
    Emission e = new Emission(s.state, o.state(), end, windowStart, end, values, timestamps, inputs, reason, false);
    s.state = o.state();
    s.stateSince = end;
    s.lastNotified = end;
    return List.of(e);
  }

  private String reason(MofNEvaluator.Outcome o, AnomalyState.Point last) {
    if (o.state() == AlarmState.INSUFFICIENT_DATA) {
      return "Insufficient Data: the model is still training or no datapoints were scored.";
    }
    String band = last.lower() == null ? "no band yet (training)"
        : String.format(Locale.ROOT, "band [%s, %s] around %s", MofNEvaluator.format(last.lower()),
            MofNEvaluator.format(last.upper()), MofNEvaluator.format(last.expected()));
    return String.format(Locale.ROOT, "Anomaly: %d out of the last %d datapoints were outside the band (%s, %s sigma); "
            + "latest %s, %s (minimum %d datapoints for ALARM).",
        o.breaching(), o.evaluatedIndexes().size(), rule.direction(), MofNEvaluator.format(rule.sensitivity()),
        MofNEvaluator.format(last.value()), band, rule.datapointsToAlarm());
  }
}

package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.Statistic;
import io.watchstream.processor.rules.ThresholdRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one threshold rule on one series, CloudWatch style, advancing in event time.
 *
 * <p>Datapoints are admitted into period buckets ({@link #admit}); {@link #advance} then evaluates every
 * period end that is due, in order, with {@link MofNEvaluator} over the rule's evaluation range. A period
 * end is due when the period is closed (event time passed its end plus the rule's grace) or when its
 * value is already decided: a datapoint carrying the rule's own period and statistic is final on
 * arrival, and a breach of Maximum/SampleCount (upward) or Minimum (downward) cannot be undone by more
 * samples — so such transitions never wait for the window to close. Periods without data count as
 * missing, so a series that stops reporting is still evaluated when time advances.
 *
 * <p>Transitions and reminders are built by {@link ThresholdEmissions}. Not thread-safe; the state object is owned by one stream task.
 */
public final class ThresholdEvaluator {

  /** What happened to an incoming datapoint. */
  public enum Admission { ACCEPTED, LATE, DUPLICATE }

  private final ThresholdRule rule;
  private final MofNEvaluator mofn;
  private final long period;
  private final long grace;
  private final int range;
  private final String statistic;

  public ThresholdEvaluator(ThresholdRule rule) {
    this.rule = rule;
    this.mofn = new MofNEvaluator(rule.datapointsToAlarm(), rule.evaluationPeriods(), rule.treatMissingData(),
        rule.comparison(), rule.threshold(), rule.okThreshold());
    this.period = rule.periodMs();
    this.grace = rule.grace().toMillis();
    this.range = rule.evaluationRange();
    this.statistic = rule.statistic().name();
  }

  /** Exact match first: datapoints carry the canonical spelling, and this runs per datapoint and rule. */
  private boolean sameStatistic(String other) {
    return statistic.equals(other) || statistic.equalsIgnoreCase(other);
  }

  public ThresholdRule rule() {
    return rule;
  }

  /**
   * Whether datapoints of a series with this statistic and period feed the rule: the same statistic and
   * period directly, or a finer period that divides the rule's period (same statistic, or any statistic
   * for SampleCount and percentiles, which are computed from the samples).
   */
  public boolean applies(String statistic, int periodSeconds) {
    long p = periodSeconds * 1000L;
    if (p <= 0 || p > period || period % p != 0) {
      return false;
    }
    Statistic rs = rule.statistic();
    return sameStatistic(statistic) || "SampleCount".equals(rs.name()) || rs.isPercentile();
  }

  public Admission admit(SeriesState s, double value, String statistic, int periodSeconds, long timestamp,
      InputPosition input, long streamTime) {
    long start = Math.floorDiv(timestamp, period) * period;
    if (start + period + grace <= streamTime || (s.evaluatedThrough >= 0 && start < s.evaluatedThrough - (long) range * period)) {
      s.lateDatapoints++;
      return Admission.LATE;
    }
    PeriodBucket b = s.buckets.computeIfAbsent(start, PeriodBucket::new);
    boolean direct = periodSeconds * 1000L == period && sameStatistic(statistic);
    if (direct) {
      if (b.direct != null && b.direct == value) {
        return Admission.DUPLICATE;
      }
      b.addDirect(value, timestamp, input);
    } else {
      b.addSample(value, Statistic.parse(statistic), rule.statistic().isPercentile(), timestamp, input);
      if (!b.decided && breachIsCertain(b)) {
        b.decided = true;
      }
    }
    return Admission.ACCEPTED;
  }

  private boolean breachIsCertain(PeriodBucket b) {
    Double v = b.value(rule.statistic());
    if (v == null || !rule.comparison().breaches(v, rule.threshold())) {
      return false;
    }
    boolean up = rule.comparison().upward();
    return switch (rule.statistic().name()) {
      case "Maximum", "SampleCount" -> up;
      case "Minimum" -> !up;
      case "Sum" -> up && b.min >= 0;
      default -> false;
    };
  }

  /**
   * The earliest event time at which {@link #advance} could do anything for this state without a new
   * datapoint: the next period end plus grace, or the next reminder. Lets callers skip states that are
   * not due without reading them.
   */
  public long nextDue(SeriesState s) {
    long due;
    if (s.evaluatedThrough >= 0) {
      due = s.evaluatedThrough + period + grace;
    } else {
      due = s.buckets.isEmpty() ? Long.MAX_VALUE : s.buckets.firstKey() + period + grace;
    }
    if (rule.reminderEvery() != null && s.state == AlarmState.ALARM && s.lastNotified >= 0) {
      due = Math.min(due, s.lastNotified + rule.reminderEvery().toMillis());
    }
    return due;
  }

  /** Evaluates every period end due at event time {@code now}; returns transitions and reminders in order. */
  public List<Emission> advance(SeriesState s, long now) {
    List<Emission> out = new ArrayList<>();
    long closedEnd = Math.floorDiv(now - grace, period) * period;
    long decidedEnd = Long.MIN_VALUE;
    var newest = s.buckets.lastEntry();
    if (newest != null && newest.getValue().decided) {
      decidedEnd = newest.getKey() + period; // the usual case, without walking a descending view
    } else {
      for (PeriodBucket b : s.buckets.descendingMap().values()) {
        if (b.decided) {
          decidedEnd = b.start + period;
          break;
        }
      }
    }
    long target = Math.max(closedEnd, decidedEnd);
    if (s.evaluatedThrough < 0) {
      if (s.buckets.isEmpty()) {
        return out;
      }
      s.evaluatedThrough = s.buckets.firstKey();
    }
    long end = s.evaluatedThrough + period;
    while (end <= target) {
      // the previous range, [end - period - range * period, end - period), and every later one that ends at or
      // before the next data bucket hold no data: they all evaluate the same, so evaluate once, at the last of them.
      // This keeps a gap in event time (a series silent for a month, a datapoint far ahead) at the cost of one
      // evaluation rather than one per period.
      Long next = s.buckets.ceilingKey(end - period - (long) range * period);
      if ((next == null || next >= end - period) && end < target) {
        end = Math.max(end, next == null ? target : Math.min(target, next));
      }
      evaluateAt(s, end, out);
      s.evaluatedThrough = end;
      long keepFrom = end - (long) range * period;
      while (!s.buckets.isEmpty() && s.buckets.firstKey() < keepFrom) {
        s.buckets.pollFirstEntry(); // cheaper than clearing a head-map view on every evaluation
      }
      end += period;
    }
    ThresholdEmissions.remind(rule, s, now, out);
    return out;
  }

  private void evaluateAt(SeriesState s, long end, List<Emission> out) {
    long rangeStart = end - (long) range * period;
    // one pass over the buckets in range (rather than a boxed lookup per period); advance() keeps the map down to
    // about the range, so walking it from the start is cheaper than a sub-map view
    PeriodBucket[] inRange = new PeriodBucket[range];
    for (PeriodBucket b : s.buckets.values()) {
      if (b.start < rangeStart) {
        continue;
      }
      if (b.start >= end) {
        break;
      }
      long offset = b.start - rangeStart;
      if (offset % period == 0) {
        inRange[(int) (offset / period)] = b;
      }
    }
    List<Double> values = new ArrayList<>(range);
    for (PeriodBucket b : inRange) {
      values.add(b == null ? null : b.value(rule.statistic()));
    }
    MofNEvaluator.Outcome o = mofn.evaluate(values, s.state);
    if (o.state() == s.state) {
      // As in CloudWatch, the reason is that of the evaluation that set the current state (its "since"); it is
      // refreshed without a transition only while provisional: none yet, or why a transition was held back.
      // Not rebuilding it otherwise keeps string formatting out of the per-evaluation path of every series.
      if (o.kept() || s.reasonProvisional) {
        s.reason = o.reason();
        s.reasonProvisional = o.kept();
      }
      return;
    }
    s.reason = o.reason();
    s.reasonProvisional = false;
    out.add(ThresholdEmissions.transition(rule, s, o, inRange, values, rangeStart, end, period));
  }
}

package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.ThresholdRule;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ThresholdEvaluator} emits and records on its state: a transition, with the observed values, datapoint
 * times and input positions of the periods that decided it, and the reminders of a rule that stays in ALARM. Both
 * are rare next to evaluations, which is why building them may allocate.
 */
final class ThresholdEmissions {
  private ThresholdEmissions() {}

  /** The transition to {@code o.state()} at period end {@code end}; moves the state there. */
  static Emission transition(ThresholdRule rule, SeriesState s, MofNEvaluator.Outcome o, PeriodBucket[] inRange,
      List<Double> values, long rangeStart, long end, long period) {
    int range = inRange.length;
    int first = o.evaluatedIndexes().isEmpty() ? range - rule.evaluationPeriods()
        : Math.min(o.evaluatedIndexes().get(0), range - rule.evaluationPeriods());
    List<Double> observed = new ArrayList<>(values.subList(first, range));
    List<Long> timestamps = new ArrayList<>();
    List<InputPosition> inputs = new ArrayList<>();
    for (int i : o.evaluatedIndexes()) {
      PeriodBucket b = inRange[i];
      timestamps.addAll(b.timestamps);
      inputs.addAll(b.inputs);
    }
    Emission e = new Emission(s.state, o.state(), end, rangeStart + first * period, end, observed, timestamps, inputs,
        o.reason(), false);
    s.state = o.state();
    s.stateSince = end;
    s.lastNotified = end;
    return e;
  }

  /** Adds the reminder due by event time {@code now}, if the rule has reminders and the series is in ALARM. */
  static void remind(ThresholdRule rule, SeriesState s, long now, List<Emission> out) {
    if (rule.reminderEvery() == null || s.state != AlarmState.ALARM || s.lastNotified < 0) {
      return;
    }
    long every = rule.reminderEvery().toMillis();
    if (now - s.lastNotified >= every) {
      long at = s.lastNotified + (now - s.lastNotified) / every * every;
      out.add(new Emission(AlarmState.ALARM, AlarmState.ALARM, at, s.stateSince, at, List.of(), List.of(), List.of(),
          "Still in ALARM since " + java.time.Instant.ofEpochMilli(s.stateSince) + ": " + s.reason, true));
      s.lastNotified = at;
    }
  }
}

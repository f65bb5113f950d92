package io.watchstream.processor.topology;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.rules.AnomalyRule;
import io.watchstream.processor.rules.LogFlatlineRule;
import io.watchstream.processor.rules.LogFrequencyRule;
import io.watchstream.processor.rules.LogNewTermRule;
import io.watchstream.processor.rules.LogSpikeRule;
import io.watchstream.processor.rules.ThresholdRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the rules did, per rule kind: evaluations (a datapoint, line or score taken into a (rule, series), or a sweep
 * that moved it on as time passed) and transitions by the state entered (reminders apart). Plain counters shared by every task,
 * for the application to publish as metrics; every (kind, state) exists from the start, so rates see the first one.
 * Under exactly-once a task that is retried counts its records again: these are activity meters, the alerts topic is
 * the record.
 */
public final class RuleActivity {

  public static final List<String> KINDS = List.of(ThresholdRule.KIND, LogFrequencyRule.KIND, LogSpikeRule.KIND,
      LogFlatlineRule.KIND, LogNewTermRule.KIND, AnomalyRule.KIND);
  public static final List<String> OUTCOMES = List.of(AlarmState.OK.name(), AlarmState.ALARM.name(),
      AlarmState.INSUFFICIENT_DATA.name(), "reminder");

  private final Map<String, LongAdder> evaluations = new HashMap<>();
  private final Map<String, LongAdder> transitions = new HashMap<>();

  public RuleActivity() {
    for (String kind : KINDS) {
      evaluations.put(kind, new LongAdder());
      for (String outcome : OUTCOMES) {
        transitions.put(kind + "|" + outcome, new LongAdder());
      }
    }
  }

  void evaluated(String kind) {
    LongAdder a = evaluations.get(kind);
    if (a != null) {
      a.increment();
    }
  }

  void emitted(String kind, Emission e) {
    LongAdder a = transitions.get(kind + "|" + (e.reminder() ? "reminder" : e.to().name()));
    if (a != null) {
      a.increment();
    }
  }

  public long evaluations(String kind) {
    LongAdder a = evaluations.get(kind);
    return a == null ? 0 : a.sum();
  }

  /** Transitions of {@code kind} into {@code outcome} (a state name, or {@code reminder}). */
  public long transitions(String kind, String outcome) {
    LongAdder a = transitions.get(kind + "|" + outcome);
    return a == null ? 0 : a.sum();
  }
}

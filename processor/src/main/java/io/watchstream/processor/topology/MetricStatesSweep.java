package io.watchstream.processor.topology;

import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.SeriesState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The punctuation pass of {@link MetricRuleProcessor}: advances the instances that are due (all of them after a
 * rule change) to {@code now}, so series that stop reporting are evaluated as missing data; drops the states of
 * deleted rules. A rule that throws keeps the state the store last had for it and is reported; the rest of the
 * instance goes on.
 */
final class MetricStatesSweep {
  private final ProcessorContext<String, Output> context;
  private final KeyValueStore<String, InstanceStates> states;
  private final DecodedStates decoded;
  private final DueIndex due;
  private final RecordFaults faults;
  private final List<KeyValue<String, Throwable>> failedRules = new ArrayList<>();

  MetricStatesSweep(ProcessorContext<String, Output> context, KeyValueStore<String, InstanceStates> states,
      DecodedStates decoded, DueIndex due, RecordFaults faults) {
    this.context = context;
    this.states = states;
    this.decoded = decoded;
    this.due = due;
    this.faults = faults;
  }

  void advanceAll(RuleCatalog.Snapshot snap, long now) {
    List<KeyValue<String, InstanceStates>> updates = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    try {
      if (due.needsFullScan(snap.generation())) {
        due.clear();
        try (KeyValueIterator<String, InstanceStates> it = states.all()) {
          while (it.hasNext()) {
            KeyValue<String, InstanceStates> kv = it.next();
            advanceInstance(snap, kv.key, decoded.heldOr(kv.key, kv.value), now, updates, deletes);
          }
        }
        due.fullScanDone(snap.generation());
      } else {
        for (String key : due.dueAt(now)) {
          InstanceStates entry = decoded.get(key);
          if (entry == null) {
            due.remove(key);
          } else {
            advanceInstance(snap, key, entry, now, updates, deletes);
          }
        }
      }
      deletes.forEach(decoded::delete);
      decoded.putAll(updates);
    } catch (RuntimeException e) {
      decoded.clear(); // values changed in place may not have been written: re-read them from the store
      throw e;
    }
  }

  private void advanceInstance(RuleCatalog.Snapshot snap, String key, InstanceStates entry, long now,
      List<KeyValue<String, InstanceStates>> updates, List<String> deletes) {
    boolean changed = false;
    for (Iterator<SeriesState> it = entry.states.iterator(); it.hasNext(); ) {
      SeriesState s = it.next();
      RuleCatalog.Compiled c = snap.byId().get(s.ruleId);
      if (c == null || c.threshold() == null) {
        it.remove(); // the rule was deleted or changed kind: its series state goes with it
        changed = true;
        continue;
      }
      try {
        changed |= ThresholdStateSync.syncVersion(s, c);
        long before = s.evaluatedThrough;
        long notified = s.lastNotified;
        List<Emission> emissions = c.threshold().advance(s, now);
        if (!emissions.isEmpty() || before != s.evaluatedThrough || notified != s.lastNotified) {
          changed = true;
          EmissionOutputs.forward(context, faults, c, s.seriesKey, s.dimensions, emissions, now);
        }
      } catch (RuntimeException | StackOverflowError e) {
        failedRules.add(KeyValue.pair(s.ruleId, e));
      }
    }
    for (KeyValue<String, Throwable> f : failedRules) {
      // the rest of the instance goes on; the failed rule's state is what the store last had
      decoded.restoreRule(entry, key, f.key);
      faults.ruleFailed(f.key, f.value, context.currentSystemTimeMs());
      changed = true;
    }
    failedRules.clear();
    if (entry.states.isEmpty()) {
      deletes.add(key);
      due.remove(key);
      return;
    }
    if (changed) {
      updates.add(KeyValue.pair(key, entry));
    }
    due.set(key, ThresholdStateSync.nextDue(snap, entry));
  }
}

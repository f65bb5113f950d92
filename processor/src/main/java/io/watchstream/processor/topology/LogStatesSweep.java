package io.watchstream.processor.topology;

import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.eval.LogSeriesState;
import io.watchstream.processor.rules.LogNewTermRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The punctuation pass of {@link LogRuleProcessor}: advances the log states that are due (all of them after a rule
 * change) to {@code now}, so windows close and flatlines fire without new lines; drops the states of deleted rules,
 * and hourly in event time forgets the new-term rules' terms older than their lookback. A rule that throws keeps
 * its stored state (nothing is written for it) and is reported.
 */
final class LogStatesSweep {
  private final DueIndex due;
  private final RecordFaults faults;
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, LogSeriesState> states;
  private KeyValueStore<String, Long> terms;
  private long lastPrune = Long.MIN_VALUE;

  LogStatesSweep(DueIndex due, RecordFaults faults) {
    this.due = due;
    this.faults = faults;
  }

  /** Binds the task's context and stores; the last prune time outlives a re-initialisation of the task. */
  void init(ProcessorContext<String, Output> context, KeyValueStore<String, LogSeriesState> states,
      KeyValueStore<String, Long> terms) {
    this.context = context;
    this.states = states;
    this.terms = terms;
  }

  void advanceAll(RuleCatalog.Snapshot snap, long now) {
    List<KeyValue<String, LogSeriesState>> updates = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    if (due.needsFullScan(snap.generation())) {
      due.clear();
      try (KeyValueIterator<String, LogSeriesState> it = states.all()) {
        while (it.hasNext()) {
          KeyValue<String, LogSeriesState> kv = it.next();
          advanceIsolated(snap, kv.key, kv.value, now, updates, deletes);
        }
      }
      due.fullScanDone(snap.generation());
    } else {
      for (String key : due.dueAt(now)) {
        LogSeriesState s = states.get(key);
        if (s == null) {
          due.remove(key);
        } else {
          advanceIsolated(snap, key, s, now, updates, deletes);
        }
      }
    }
    deletes.forEach(states::delete);
    states.putAll(updates);
    // forgetting old terms needs a full pass over the terms store: do it hourly in event time, not on every tick
    if (now - lastPrune >= 3_600_000L || lastPrune == Long.MIN_VALUE) {
      pruneTerms(snap, now);
      lastPrune = now;
    }
  }

  /** Advances one state; a rule that fails keeps its stored state (nothing is written for it) and is reported. */
  private void advanceIsolated(RuleCatalog.Snapshot snap, String key, LogSeriesState s, long now,
      List<KeyValue<String, LogSeriesState>> updates, List<String> deletes) {
    try {
      advanceOne(snap, key, s, now, updates, deletes);
    } catch (RuntimeException | StackOverflowError e) {
      faults.ruleFailed(s.ruleId, e, context.currentSystemTimeMs());
    }
  }

  private void advanceOne(RuleCatalog.Snapshot snap, String key, LogSeriesState s, long now,
      List<KeyValue<String, LogSeriesState>> updates, List<String> deletes) {
    RuleCatalog.Compiled c = snap.byId().get(s.ruleId);
    if (c == null || c.log() == null) {
      deletes.add(key);
      due.remove(key);
      return;
    }
    c.log().sync(s, c.version());
    long window = s.windowStart;
    long notified = s.lastNotified;
    List<Emission> emissions = c.log().advance(s, now);
    if (!emissions.isEmpty() || window != s.windowStart || notified != s.lastNotified) {
      updates.add(KeyValue.pair(key, s));
      EmissionOutputs.forward(context, faults, c, s.seriesKey, Map.of(), emissions, now);
    }
    due.set(key, c.log().nextDue(s));
  }

  /** Forgets terms older than their rule's lookback, so the store holds only what can still matter. */
  private void pruneTerms(RuleCatalog.Snapshot snap, long now) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = terms.all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        String ruleId = kv.key.substring(0, kv.key.indexOf('|'));
        RuleCatalog.Compiled c = snap.byId().get(ruleId);
        if (!(c != null && c.rule() instanceof LogNewTermRule nt) || now - kv.value > nt.lookback().toMillis()) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(terms::delete);
  }
}

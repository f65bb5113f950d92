package io.watchstream.processor.topology;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.SeriesState;
import io.watchstream.processor.eval.ThresholdEvaluator;
import io.watchstream.processor.rules.ThresholdRule;
import io.watchstream.schemas.SeriesKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads {@code metrics}; keeps a {@link SeriesState} per (threshold rule, series) in the
 * {@value ProcessorTopology#SERIES_STORE} store and emits alerts, scaling commands, late and invalid
 * datapoints. Evaluation also advances on stream-time and wall-clock punctuation, so series that stop
 * reporting are evaluated as missing data. The task of partition 0 also reports rejected rule records.
 */
final class MetricRuleProcessor implements Processor<MetricSeriesKey, MetricDatapoint, String, Output> {

  private final RuleCatalog catalog;
  private final Duration interval;
  private final EventClock clock;
  private final String topic;
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, SeriesState> states;
  private KeyValueStore<String, RuleEntry> rules;
  private RuleCatalog.Snapshot snapshot;
  private RejectionReporter rejections;
  private final DueIndex due = new DueIndex();

  MetricRuleProcessor(RuleCatalog catalog, Duration interval, Duration idleAfter, String topic) {
    this.catalog = catalog;
    this.interval = interval;
    this.clock = new EventClock(idleAfter.toMillis());
    this.topic = topic;
  }

  @Override
  public void init(ProcessorContext<String, Output> context) {
    this.context = context;
    due.clear();
    this.states = context.getStateStore(ProcessorTopology.SERIES_STORE);
    this.rules = context.getStateStore(ProcessorTopology.RULES_STORE);
    this.rejections = context.taskId().partition() == 0
        ? new RejectionReporter(context.getStateStore(ProcessorTopology.REJECTIONS_STORE)) : null;
    context.schedule(interval, PunctuationType.STREAM_TIME, t -> advanceAll(clock.onStreamTime(t)));
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, wall -> {
      long now = clock.onWallClock(wall, context.currentStreamTimeMs());
      if (now != Long.MIN_VALUE) {
        advanceAll(now);
      }
      reportRejections();
    });
  }

  private RuleCatalog.Snapshot rules() {
    if (snapshot == null || snapshot.generation() != catalog.generation()) {
      snapshot = catalog.snapshot(rules);
      reportRejections();
    }
    return snapshot;
  }

  private void reportRejections() {
    if (rejections != null) {
      rejections.report(rules, context.currentSystemTimeMs(), out -> context.forward(out));
    }
  }

  @Override
  public void process(Record<MetricSeriesKey, MetricDatapoint> record) {
    long streamTime = context.currentStreamTimeMs();
    clock.onInput(context.currentSystemTimeMs(), streamTime);
    MetricDatapoint dp = record.value();
    if (dp == null || record.key() == null || !Double.isFinite(dp.getValue())
        || !SeriesKeys.canonical(record.key()).equals(SeriesKeys.canonical(dp))) {
      context.forward(record.withKey((String) null).withValue((Output) new Output.InvalidMetric(record.key(), dp))
          .withHeaders(errorHeaders(dp == null ? "null value" : !Double.isFinite(dp.getValue())
              ? "value is not a finite number" : "key and value name different series")));
      return;
    }
    InputPosition input = context.recordMetadata().map(m -> new InputPosition(m.topic(), m.partition(), m.offset())).orElse(null);
    boolean late = false;
    for (RuleCatalog.Compiled c : rules().thresholds()) {
      ThresholdRule rule = (ThresholdRule) c.rule();
      ThresholdEvaluator ev = c.threshold();
      if (!rule.metric().matches(dp.getNamespace(), dp.getMetricName(), dp.getDimensions())
          || !ev.applies(dp.getStatistic(), dp.getPeriodSeconds())) {
        continue;
      }
      String seriesKey = SeriesKeys.canonical(dp.getNamespace(), dp.getMetricName(), dp.getDimensions(),
          rule.statistic().name(), (int) rule.period().toSeconds());
      String stateKey = rule.id() + "|" + seriesKey;
      SeriesState s = states.get(stateKey);
      if (s == null) {
        s = new SeriesState(rule.id(), seriesKey);
        s.dimensions = new TreeMap<>();
        for (Dimension d : dp.getDimensions()) {
          s.dimensions.put(d.getName(), d.getValue());
        }
      }
      syncVersion(s, c);
      ThresholdEvaluator.Admission a = ev.admit(s, dp.getValue(), dp.getStatistic(), dp.getPeriodSeconds(),
          dp.getTimestamp().toEpochMilli(), input, streamTime);
      late |= a == ThresholdEvaluator.Admission.LATE;
      List<Emission> emissions = ev.advance(s, Math.max(streamTime, dp.getTimestamp().toEpochMilli()));
      states.put(stateKey, s);
      due.set(stateKey, ev.nextDue(s));
      emit(c, s, emissions, record.timestamp());
    }
    if (late) {
      context.forward(record.withKey((String) null).withValue((Output) new Output.LateMetric(record.key(), dp))
          .withHeaders(errorHeaders("datapoint arrived after its period closed (beyond the rule's grace)")));
    }
  }

  /** A new rule version keeps the alarm state; period buckets are dropped only if the period changed. */
  static void syncVersion(SeriesState s, RuleCatalog.Compiled c) {
    if (s.ruleVersion != c.version()) {
      ThresholdRule rule = (ThresholdRule) c.rule();
      if (s.periodMs != rule.periodMs()) {
        s.buckets.clear();
        s.evaluatedThrough = -1;
        s.periodMs = rule.periodMs();
      }
      s.ruleVersion = c.version();
    }
  }

  private void emit(RuleCatalog.Compiled c, SeriesState s, List<Emission> emissions, long timestamp) {
    for (Emission e : emissions) {
      for (Output o : AlertFactory.outputs(c.rule(), c.version(), s.seriesKey, s.dimensions, e)) {
        context.forward(new Record<>((String) null, o, Math.max(timestamp, e.transitionTime())));
      }
    }
  }

  private void advanceAll(long now) {
    RuleCatalog.Snapshot snap = rules();
    List<KeyValue<String, SeriesState>> updates = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    if (due.needsFullScan(snap.generation())) {
      due.clear();
      try (KeyValueIterator<String, SeriesState> it = states.all()) {
        while (it.hasNext()) {
          KeyValue<String, SeriesState> kv = it.next();
          advanceOne(snap, kv.key, kv.value, now, updates, deletes);
        }
      }
      due.fullScanDone(snap.generation());
    } else {
      for (String key : due.dueAt(now)) {
        SeriesState s = states.get(key);
        if (s == null) {
          due.remove(key);
        } else {
          advanceOne(snap, key, s, now, updates, deletes);
        }
      }
    }
    deletes.forEach(states::delete);
    states.putAll(updates);
  }

  private void advanceOne(RuleCatalog.Snapshot snap, String key, SeriesState s, long now,
      List<KeyValue<String, SeriesState>> updates, List<String> deletes) {
    RuleCatalog.Compiled c = snap.byId().get(s.ruleId);
    if (c == null || c.threshold() == null) {
      deletes.add(key); // the rule was deleted or changed kind: its series state goes with it
      due.remove(key);
      return;
    }
    syncVersion(s, c);
    long before = s.evaluatedThrough;
    long notified = s.lastNotified;
    List<Emission> emissions = c.threshold().advance(s, now);
    if (!emissions.isEmpty() || before != s.evaluatedThrough || notified != s.lastNotified) {
      updates.add(KeyValue.pair(key, s));
      emit(c, s, emissions, now);
    }
    due.set(key, c.threshold().nextDue(s));
  }

  static RecordHeaders errorHeaders(String reason) {
    RecordHeaders h = new RecordHeaders();
    h.add("watchstream.error", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return h;
  }
}

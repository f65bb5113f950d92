package io.watchstream.processor.topology;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.SeriesState;
import io.watchstream.processor.eval.ThresholdEvaluator;
import io.watchstream.processor.rules.ThresholdRule;
import io.watchstream.schemas.RecordBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.watchstream.schemas.DeadLetterHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads {@code metrics}; keeps a {@link SeriesState} per (threshold rule, series), grouped per metric
 * instance into one {@link InstanceStates} value of the {@value ProcessorTopology#METRIC_STATES_STORE} store
 * (key: the instance key, see {@link InstanceKeys}), so a datapoint costs one store read, one write and one
 * changelog record however many rules apply to it. Emits alerts, scaling commands, late and invalid
 * datapoints. Evaluation also advances on stream-time and wall-clock punctuation, so series that stop
 * reporting are evaluated as missing data ({@link MetricStatesSweep}). The task of partition 0 also reports
 * rejected rule records.
 *
 * <p>Records it cannot use are handed, raw, to {@code metrics.dlq} or {@code metrics.late} through
 * {@link SetAside} (null, non-finite, inconsistent, outside {@link RecordBounds}, late for a rule) and never reach
 * state. A rule whose evaluation throws (any {@link RuntimeException} or {@link StackOverflowError}) on a record or a
 * punctuation keeps its previous state for that series, is reported in {@link DegradedRules}, and the record goes to
 * {@code metrics.dlq} with the rule id; every other rule is still evaluated.
 */
final class MetricRuleProcessor implements Processor<MetricSeriesKey, MetricDatapoint, String, Output> {

  private final RuleCatalog catalog;
  private final Duration interval;
  private final EventClock clock;
  private final String topic;
  private final RecordFaults faults;
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, InstanceStates> states;
  private DecodedStates decoded;
  private MetricStatesSweep sweep;
  private KeyValueStore<String, RuleEntry> rules;
  private RuleCatalog.Snapshot snapshot;
  private RejectionReporter rejections;
  private final String rulesTopic;
  private final DueIndex due = new DueIndex();
  private final ApplicableRules applicable = new ApplicableRules();
  /**
   * Instances per task whose decoded states are kept between datapoints. An instance with 3 rules and full
   * evaluation ranges takes about 6 KB of heap, so this bounds a task's share at about 50 MB; the bench's
   * 10,000 series over 4 tasks all fit. Instances beyond it are decoded from the store when read.
   */
  static final int MAX_DECODED = 8_192;

  MetricRuleProcessor(RuleCatalog catalog, Duration interval, Duration idleAfter, String topic, String rulesTopic,
      RecordFaults faults) {
    this.rulesTopic = rulesTopic;
    this.catalog = catalog;
    this.faults = faults;
    this.interval = interval;
    this.clock = new EventClock(idleAfter.toMillis());
    this.topic = topic;
  }

  @Override
  public void init(ProcessorContext<String, Output> context) {
    this.context = context;
    due.clear();
    this.states = context.getStateStore(ProcessorTopology.METRIC_STATES_STORE);
    this.decoded = new DecodedStates(states, MAX_DECODED);
    this.sweep = new MetricStatesSweep(context, states, decoded, due, faults);
    this.rules = context.getStateStore(ProcessorTopology.RULES_STORE);
    this.rejections = context.taskId().partition() == 0
        ? new RejectionReporter(context.getStateStore(ProcessorTopology.REJECTIONS_STORE), rulesTopic) : null;
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
    long wall = context.currentSystemTimeMs();
    clock.onInput(wall, streamTime);
    MetricDatapoint dp = record.value();
    String problem = problemWith(record.key(), dp);
    if (problem != null) {
      throw faults.setAside(topic, DeadLetterHeaders.Kind.BAD_RECORD, "validate", problem);
    }
    long timestamp = dp.getTimestamp().toEpochMilli();
    String outOfBounds = faults.bounds().violation(timestamp, wall);
    if (outOfBounds != null) {
      throw faults.setAside(topic, DeadLetterHeaders.Kind.OUT_OF_BOUNDS, "validate", outOfBounds);
    }
    String instanceKey = InstanceKeys.of(dp);
    List<String> failed = List.of();
    Throwable firstFailure = null;
    boolean late = false;
    try {
      RuleCatalog.Snapshot snap = rules();
      InputPosition input = null;
      InstanceStates entry = null;
      for (RuleCatalog.Compiled c : applicable.of(snap, instanceKey, dp)) {
        ThresholdRule rule = (ThresholdRule) c.rule();
        if (entry == null) {
          // read once, and only for a datapoint some rule applies to
          entry = decoded.get(instanceKey);
          if (entry == null) {
            entry = new InstanceStates(instanceKey, InstanceKeys.dimensions(dp));
          }
          input = context.recordMetadata().map(m -> new InputPosition(m.topic(), m.partition(), m.offset())).orElse(null);
        }
        try {
          late |= evaluate(c, entry, instanceKey, dp, timestamp, input, streamTime, record.timestamp());
        } catch (RuntimeException | StackOverflowError e) {
          decoded.restoreRule(entry, instanceKey, rule.id());
          faults.ruleFailed(rule.id(), e, wall);
          failed = failed.isEmpty() ? new ArrayList<>() : failed;
          failed.add(rule.id());
          firstFailure = firstFailure == null ? e : firstFailure;
        }
      }
      if (entry != null) {
        decoded.put(instanceKey, entry);
        due.set(instanceKey, ThresholdStateSync.nextDue(snap, entry));
      }
    } catch (RuntimeException | StackOverflowError e) {
      // not one rule's evaluation (selection, the store): the instance's states may be half-changed in memory, the
      // store has the truth
      decoded.forget(instanceKey);
      throw faults.setAside(topic, SetAside.ruleDefect(failed, e));
    }
    if (firstFailure != null) {
      throw faults.setAside(topic, SetAside.ruleDefect(failed, firstFailure));
    }
    if (late) {
      throw faults.setAside(topic, DeadLetterHeaders.Kind.LATE, "admit",
          "datapoint arrived after its period closed (beyond the rule's grace)");
    }
  }

  /** Why a decoded datapoint cannot be used, or null. */
  static String problemWith(MetricSeriesKey key, MetricDatapoint dp) {
    if (dp == null) {
      return "null value (tombstone)";
    }
    if (key == null) {
      return "null key";
    }
    if (!Double.isFinite(dp.getValue())) {
      return "value is not a finite number";
    }
    return InstanceKeys.sameSeries(key, dp) ? null : "key and value name different series";
  }

  /** Admits the datapoint into one rule's state and forwards what that changes; returns whether it was late. */
  private boolean evaluate(RuleCatalog.Compiled c, InstanceStates entry, String instanceKey, MetricDatapoint dp,
      long timestamp, InputPosition input, long streamTime, long recordTimestamp) {
    ThresholdRule rule = (ThresholdRule) c.rule();
    ThresholdEvaluator ev = c.threshold();
    SeriesState s = entry.find(rule.id());
    if (s == null) {
      s = new SeriesState(rule.id(), InstanceKeys.seriesKey(instanceKey, rule));
      s.dimensions = entry.dimensions;
      entry.states.add(s);
    }
    ThresholdStateSync.syncVersion(s, c);
    ThresholdEvaluator.Admission a = ev.admit(s, dp.getValue(), dp.getStatistic(), dp.getPeriodSeconds(),
        timestamp, input, streamTime);
    EmissionOutputs.forward(context, faults, c, s.seriesKey, s.dimensions,
        ev.advance(s, Math.max(streamTime, timestamp)), recordTimestamp);
    return a == ThresholdEvaluator.Admission.LATE;
  }

  private void advanceAll(long now) {
    sweep.advanceAll(rules(), now);
  }
}

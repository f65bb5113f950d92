package io.watchstream.processor.topology;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.LogRuleEvaluator;
import io.watchstream.processor.eval.LogSeriesState;
import io.watchstream.processor.logs.LogLine;
import io.watchstream.processor.rules.LogRule;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads {@code logs} repartitioned by log group; keeps a {@link LogSeriesState} per (log rule, series)
 * in {@value ProcessorTopology#LOG_STATE_STORE} and the terms seen by new-term rules in
 * {@value ProcessorTopology#TERMS_STORE}; emits alerts, scaling commands and late lines (to {@code logs.late}, with
 * the source the line was read at, carried across the repartition in its headers by {@link LogIntake}). A rule
 * whose pattern, extractor or evaluation throws (any {@link RuntimeException} or {@link StackOverflowError}) on a
 * line keeps its previous state, is reported in {@link DegradedRules}, and the line goes to {@code logs.dlq} with
 * the rule id; every other rule still sees the line. Punctuation advances the states ({@link LogStatesSweep}).
 */
final class LogRuleProcessor implements Processor<String, LogEvent, String, Output> {

  private final RuleCatalog catalog;
  private final Duration interval;
  private final EventClock clock;
  private final String topic;
  private final RecordFaults faults;
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, LogSeriesState> states;
  private KeyValueStore<String, Long> terms;
  private KeyValueStore<String, RuleEntry> rules;
  private RuleCatalog.Snapshot snapshot;
  private final DueIndex due = new DueIndex();
  private final LogStatesSweep sweep;

  LogRuleProcessor(RuleCatalog catalog, Duration interval, Duration idleAfter, String topic, RecordFaults faults) {
    this.catalog = catalog;
    this.topic = topic;
    this.faults = faults;
    this.interval = interval;
    this.clock = new EventClock(idleAfter.toMillis());
    this.sweep = new LogStatesSweep(due, faults);
  }

  @Override
  public void init(ProcessorContext<String, Output> context) {
    this.context = context;
    due.clear();
    this.states = context.getStateStore(ProcessorTopology.LOG_STATE_STORE);
    this.terms = context.getStateStore(ProcessorTopology.TERMS_STORE);
    this.rules = context.getStateStore(ProcessorTopology.RULES_STORE);
    sweep.init(context, states, terms);
    context.schedule(interval, PunctuationType.STREAM_TIME, t -> advanceAll(clock.onStreamTime(t)));
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, wall -> {
      long now = clock.onWallClock(wall, context.currentStreamTimeMs());
      if (now != Long.MIN_VALUE) {
        advanceAll(now);
      }
    });
  }

  private RuleCatalog.Snapshot rules() {
    if (snapshot == null || snapshot.generation() != catalog.generation()) {
      snapshot = catalog.snapshot(rules);
    }
    return snapshot;
  }

  @Override
  public void process(Record<String, LogEvent> record) {
    long streamTime = context.currentStreamTimeMs();
    long wall = context.currentSystemTimeMs();
    clock.onInput(wall, streamTime);
    LogEvent event = record.value();
    String problem = LogIntake.problemWith(event, faults.bounds(), wall);
    if (problem != null) {
      // LogIntake sets these aside before the repartition; replay feeds this processor directly
      throw faults.setAside(topic, event == null || event.getMessage() == null
          ? DeadLetterHeaders.Kind.BAD_RECORD : DeadLetterHeaders.Kind.OUT_OF_BOUNDS, "validate", problem);
    }
    InputPosition input = context.recordMetadata().map(m -> new InputPosition(m.topic(), m.partition(), m.offset())).orElse(null);
    LogLine line = new LogLine(event.getMessage());
    long ts = event.getTimestamp().toEpochMilli();
    boolean late = false;
    List<String> failed = List.of();
    Throwable firstFailure = null;
    for (RuleCatalog.Compiled c : rules().logs()) {
      try {
        late |= evaluate(c, event, line, ts, streamTime, input, record.timestamp());
      } catch (RuntimeException | StackOverflowError e) {
        // the rule's state is written only after its evaluation succeeds, so the store still has the previous one
        faults.ruleFailed(c.rule().id(), e, wall);
        failed = failed.isEmpty() ? new ArrayList<>() : failed;
        failed.add(c.rule().id());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw faults.setAside(topic, SetAside.ruleDefect(failed, firstFailure));
    }
    if (late) {
      String reason = "log line arrived after its window closed (beyond the rule's grace)";
      faults.counts().add(TopicNames.lateData(topic), DeadLetterHeaders.Kind.LATE);
      context.forward(record.withKey((String) null)
          .withValue((Output) new Output.LateLog(new LogStreamKey(event.getLogGroup(), event.getLogStream()), event))
          .withHeaders(DeadLetterHeaders.from(record.headers()).kind(DeadLetterHeaders.Kind.LATE).stage("admit")
              .reason(reason).source(sourceOf(record)).build())
          .withTimestamp(faults.bounds().outputTimestamp(record.timestamp(), wall)));
    }
  }

  /** The input position the line was first read at: carried in its headers across the repartition. */
  private DeadLetterHeaders.Source sourceOf(Record<String, LogEvent> record) {
    DeadLetterHeaders.Source carried = DeadLetterHeaders.sourceOf(record.headers());
    return carried != null ? carried : context.recordMetadata()
        .map(m -> new DeadLetterHeaders.Source(m.topic(), m.partition(), m.offset())).orElse(null);
  }

  /** Runs one rule on the line and forwards what that changes; returns whether the line was late for it. */
  private boolean evaluate(RuleCatalog.Compiled c, LogEvent event, LogLine line, long ts, long streamTime,
      InputPosition input, long recordTimestamp) {
    LogRule rule = (LogRule) c.rule();
    if (!rule.logs().matches(event.getLogGroup(), event.getLogStream()) || !c.pattern().matches(line)) {
      return false;
    }
    String seriesKey = rule.logs().seriesKey(event.getLogGroup(), event.getLogStream());
    String stateKey = rule.id() + "|" + seriesKey;
    LogSeriesState s = states.get(stateKey);
    if (s == null) {
      s = new LogSeriesState(rule.id(), seriesKey);
    }
    LogRuleEvaluator ev = c.log();
    ev.sync(s, c.version());
    if (ev.isLate(s, ts, streamTime)) {
      s.lateLines++;
      states.put(stateKey, s);
      due.set(stateKey, ev.nextDue(s));
      return true;
    }
    String term = c.field() == null ? null : c.field().extract(line);
    String termPrefix = stateKey + "|";
    List<Emission> emissions = new ArrayList<>(ev.admit(s, ts, term, new LogRuleEvaluator.TermMemory() {
      @Override
      public Long lastSeen(String t) {
        return terms.get(termPrefix + t);
      }

      @Override
      public void remember(String t, long at) {
        terms.put(termPrefix + t, at);
      }
    }, input));
    emissions.addAll(ev.advance(s, Math.max(streamTime, ts)));
    states.put(stateKey, s);
    due.set(stateKey, ev.nextDue(s));
    EmissionOutputs.forward(context, faults, c, s.seriesKey, Map.of(), emissions, recordTimestamp);
    return false;
  }

  private void advanceAll(long now) {
    sweep.advanceAll(rules(), now);
  }
}

package io.watchstream.replay.engine;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.topology.Output;
import io.watchstream.processor.topology.RuleProcessors;
import io.watchstream.processor.topology.SetAside;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.schemas.TopicNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One task of an in-memory replay: its own processors (from the shared {@link RuleProcessors}) and stores, run
 * over its share of the input on the shared {@link ReplayClock}. Records what it emits with where it was emitted,
 * so the engine can merge the tasks' outputs in an order that does not depend on thread scheduling.
 */
final class TaskRun {

  /** One output and where it was produced. Phase 1: while processing the record at {@code position}; phase 2: punctuation after it. */
  record Emitted<T>(int position, int phase, int task, int sequence, T value) {
    static <T> Comparator<Emitted<T>> order() {
      return Comparator.<Emitted<T>>comparingInt(Emitted::position).thenComparingInt(Emitted::phase)
          .thenComparingInt(Emitted::task).thenComparingInt(Emitted::sequence);
    }
  }

  /** What one task produced: alerts and scaling commands, anomaly scores (when kept), and the records a side topic would get. */
  static final class TaskOutput {
    final List<Emitted<Output>> outputs = new ArrayList<>();
    final List<Emitted<AnomalyScore>> scores = new ArrayList<>();
    long late;
    long deadLetters;
  }

  private final int index;
  private final TopicNames names;
  private final ReplayTask task;
  private final List<? extends ReplayRecord> input;
  private final ReplayClock clock;
  private final TaskOutput out = new TaskOutput();
  private final Processor<MetricSeriesKey, MetricDatapoint, String, Output> thresholds;
  private final Processor<MetricSeriesKey, MetricDatapoint, MetricSeriesKey, AnomalyScore> scoring;
  private final Processor<MetricSeriesKey, AnomalyScore, String, Output> anomalyAlerts;
  private final Processor<String, LogEvent, String, Output> logRules;
  private int position;
  private int phase;
  private int sequence;

  TaskRun(int index, RuleProcessors processors, TopicNames names, HeapStore<Object> rulesStore, long start,
      List<? extends ReplayRecord> input, ReplayClock clock, boolean keepAnomalyScores) {
    this.index = index;
    this.names = names;
    this.input = input;
    this.clock = clock;
    this.task = new ReplayTask(new TaskId(0, index), start, rulesStore);
    this.thresholds = processors.thresholdRules();
    this.scoring = processors.anomalyScoring();
    this.anomalyAlerts = processors.anomalyAlerts();
    this.logRules = processors.logRules();
    thresholds.init(task.context(this::emit));
    anomalyAlerts.init(task.context(this::emit));
    scoring.init(task.context(score -> {
      if (keepAnomalyScores) {
        out.scores.add(new Emitted<>(position, phase, index, sequence++, score.value()));
      }
      anomalyAlerts.process(score);
    }));
    logRules.init(task.context(this::emit));
  }

  private void emit(Record<String, Output> record) {
    Output o = record.value();
    if (o instanceof Output.LateLog) {
      out.late++;
    } else if (o instanceof Output.Alert || o instanceof Output.Scaling) {
      out.outputs.add(new Emitted<>(position, phase, index, sequence++, o));
    }
  }

  TaskOutput run() {
    int[] tickAt = clock.tickPositions();
    long[] tickTime = clock.tickTimes();
    int t = 0;
    for (int i : clock.recordsOf()[index]) {
      while (t < tickAt.length && tickAt[t] < i) {
        tick(tickAt[t], tickTime[t]);
        t++;
      }
      boolean moves = t < tickAt.length && tickAt[t] == i;
      long time = moves ? tickTime[t] : -1;
      position = i;
      phase = 1;
      process(input.get(i), i, time);
      phase = 2;
      task.advanceStreamTime(time);
      if (moves) {
        t++;
      }
    }
    while (t < tickAt.length) {
      tick(tickAt[t], tickTime[t]);
      t++;
    }
    return out;
  }

  /** Another task's record at {@code at} moved the clock to {@code time}: this task sees the time move too. */
  private void tick(int at, long time) {
    position = at;
    phase = 2;
    task.advanceStreamTime(time);
  }

  private void process(ReplayRecord r, int i, long time) {
    if (r instanceof ReplayRecord.Metric m) {
      task.onRecord(names.metrics(), 0, clock.offsets()[i], time);
      Record<MetricSeriesKey, MetricDatapoint> record = new Record<>(m.key(), m.value(), m.timestamp());
      handOver(() -> thresholds.process(record));
      handOver(() -> scoring.process(record));
    } else {
      ReplayRecord.Log l = (ReplayRecord.Log) r;
      task.onRecord(names.logs(), 0, clock.offsets()[i], time);
      handOver(() -> logRules.process(new Record<>(RuleProcessors.logGroupOf(l.key(), l.value()), l.value(), l.timestamp())));
    }
  }

  /** What the live processing-exception handler would write to a side topic, counted instead. */
  private void handOver(Runnable process) {
    try {
      process.run();
    } catch (SetAside s) {
      if (s.toLateTopic()) {
        out.late++;
      } else {
        out.deadLetters++;
      }
    }
  }
}

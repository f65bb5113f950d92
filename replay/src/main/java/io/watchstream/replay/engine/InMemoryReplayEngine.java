package io.watchstream.replay.engine;

import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.replay.ReplayEngine;
import io.watchstream.replay.ReplayInputException;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.replay.RunResult;
import io.watchstream.replay.Transition;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleVersions;
import io.watchstream.processor.topology.Output;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.processor.topology.RecordBounds;
import io.watchstream.processor.topology.RuleProcessors;
import io.watchstream.processor.topology.SetAside;
import io.watchstream.schemas.TopicNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Replays input through the processors of {@link ProcessorTopology} — the same classes, created by the same
 * {@link RuleProcessors} factory the live topology uses — wired in memory instead of by the Kafka Streams
 * runtime: no broker, no serialisation, no RocksDB, no commits, so it runs as fast as the rule logic allows.
 *
 * <p>How it mirrors the live topology: the rules are first fed through the rules-store updater (as
 * {@code watchstream process} publishes them, all at version 1). The input is split into {@value #TASKS}
 * tasks as Kafka Streams splits a topic into partitions — metrics by series, logs by log group (the
 * {@code logs-by-group} repartition) — and each task owns its processors and {@link HeapStore}s. All tasks
 * share one clock, the input's: before each input record, every task has seen stream time advance (and run
 * its stream-time punctuators) exactly as a single task reading the whole input in order would, so series
 * that stop reporting are evaluated at every period boundary up to the last input timestamp. The wall clock
 * stays at the first input timestamp: live, it only lets a task whose sources all went silent extrapolate event
 * time, which the shared clock already does here (and moving both would advance such a task twice). Tasks run
 * on up to {@code threads} threads; results do not depend on the thread count: outputs are merged by (input
 * position, phase, task, sequence).
 *
 * <p>What it does not do: decode bytes (inputs are records already), write any topic, or keep state after
 * the run. Late and invalid records are counted, as the late-data and dead-letter topics would receive them.
 */
public final class InMemoryReplayEngine implements ReplayEngine {

  /** Tasks the input is split into; fixed, so results are the same on every machine. */
  public static final int TASKS = 8;

  private final ProcessorConfig config;
  private final TopicNames names;
  private final boolean keepAnomalyScores;
  private final int threads;

  /**
   * @param keepAnomalyScores whether to keep anomaly scores (needed for report bands; off for benchmarks)
   * @param threads how many threads run the tasks (1..{@value #TASKS})
   */
  public InMemoryReplayEngine(ProcessorConfig config, boolean keepAnomalyScores, int threads) {
    this.config = config;
    this.names = TopicNames.defaults();
    this.keepAnomalyScores = keepAnomalyScores;
    this.threads = Math.max(1, Math.min(TASKS, threads));
  }

  /** The live processor's configuration, one thread per available core. */
  public static InMemoryReplayEngine withDefaults(boolean keepAnomalyScores) {
    return new InMemoryReplayEngine(ProcessorConfig.defaults(), keepAnomalyScores, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public RunResult run(String label, List<LoadedRule> rules, List<? extends ReplayRecord> input, long horizon) {
    if (input.isEmpty()) {
      throw new ReplayInputException("nothing to replay: the input holds no records");
    }
    long started = System.nanoTime();
    long first = input.get(0).timestamp();
    long last = Math.max(input.get(input.size() - 1).timestamp(), horizon);
    // history is by definition behind the wall clock: no time bounds, no cap on output timestamps
    RuleProcessors processors = new RuleProcessors(config.topologySettings().withRecordBounds(RecordBounds.UNBOUNDED), names);
    HeapStore<Object> rulesStore = new HeapStore<>(ProcessorTopology.RULES_STORE);
    publishRules(processors, rulesStore, rules, first);

    Clock clock = Clock.of(input, TASKS, horizon);
    List<Future<TaskOutput>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "replay-task");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int p = 0; p < TASKS; p++) {
        TaskRun task = new TaskRun(p, processors, rulesStore, first, input, clock);
        futures.add(pool.submit(task::run));
      }
      List<TaskOutput> outputs = new ArrayList<>();
      for (Future<TaskOutput> f : futures) {
        outputs.add(f.get());
      }
      return merge(label, outputs, input.size(), first, last, started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("replay interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("replay task failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The rule set as {@code watchstream process} publishes it to an empty {@code rules} topic, through the global store's updater. */
  private void publishRules(RuleProcessors processors, HeapStore<Object> rulesStore, List<LoadedRule> rules, long at) {
    ReplayTask global = new ReplayTask(new TaskId(-1, 0), at, rulesStore);
    Processor<String, RuleRecord, Void, Void> updater = processors.rulesUpdater();
    updater.init(global.context(r -> { }));
    long offset = 0;
    for (RuleRecord r : RuleVersions.toPublish(Map.of(), rules, Instant.ofEpochMilli(at))) {
      global.onRecord(names.rules(), 0, offset++, at);
      updater.process(new Record<>(r.getRuleId(), r, at));
    }
  }

  private RunResult merge(String label, List<TaskOutput> outputs, long inputRecords, long first, long last, long started) {
    List<Emitted> all = new ArrayList<>();
    List<Emitted> scores = new ArrayList<>();
    long late = 0;
    long deadLetters = 0;
    for (TaskOutput o : outputs) {
      all.addAll(o.outputs);
      scores.addAll(o.scores);
      late += o.late;
      deadLetters += o.deadLetters;
    }
    all.sort(Emitted.ORDER);
    scores.sort(Emitted.ORDER);
    List<Transition> transitions = new ArrayList<>();
    List<AlertTransition> alerts = new ArrayList<>();
    List<ScalingCommand> scaling = new ArrayList<>();
    for (Emitted e : all) {
      if (e.value instanceof Output.Alert a) {
        transitions.add(Transition.of(transitions.size(), a.value()));
        alerts.add(a.value());
      } else if (e.value instanceof Output.Scaling s) {
        scaling.add(s.value());
      }
    }
    List<AnomalyScore> scoreValues = scores.stream().map(e -> (AnomalyScore) e.value).toList();
    return new RunResult(label, List.copyOf(transitions), List.copyOf(alerts), List.copyOf(scaling), scoreValues,
        inputRecords, late, deadLetters, first, last, System.nanoTime() - started);
  }

  /** One output and where it was produced, for a merge that does not depend on thread scheduling. */
  /** Phase 1: while processing the record at {@code position}; phase 2: punctuation after it. */
  private record Emitted(int position, int phase, int task, int sequence, Object value) {
    static final Comparator<Emitted> ORDER = Comparator.comparingInt(Emitted::position).thenComparingInt(Emitted::phase)
        .thenComparingInt(Emitted::task).thenComparingInt(Emitted::sequence);
  }

  private static final class TaskOutput {
    final List<Emitted> outputs = new ArrayList<>();
    final List<Emitted> scores = new ArrayList<>();
    long late;
    long deadLetters;
  }

  /**
   * The input's one clock, computed once: the positions of each task's records, each record's offset on its topic, and the
   * positions where event time moves forward ({@code ticks}), with the time it moves to.
   */
  private record Clock(int[][] recordsOf, int[] offsets, int[] tickPositions, long[] tickTimes) {

    static Clock of(List<? extends ReplayRecord> input, int tasks, long horizon) {
      int n = input.size();
      byte[] taskOf = new byte[n];
      int[] offsets = new int[n];
      int[] tickPositions = new int[n + 1];
      long[] tickTimes = new long[n + 1];
      int ticks = 0;
      int metrics = 0;
      int logs = 0;
      long time = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        ReplayRecord r = input.get(i);
        int hash;
        if (r instanceof ReplayRecord.Metric m) {
          hash = seriesHash(m.key(), m.value());
          offsets[i] = metrics++;
        } else {
          ReplayRecord.Log l = (ReplayRecord.Log) r;
          hash = RuleProcessors.logGroupOf(l.key(), l.value()).hashCode();
          offsets[i] = logs++;
        }
        taskOf[i] = (byte) Math.floorMod(hash ^ (hash >>> 16), tasks);
        long ts = r.timestamp();
        if (ts > time) {
          time = ts;
          tickPositions[ticks] = i;
          tickTimes[ticks] = ts;
          ticks++;
        }
      }
      if (horizon > time) {
        // a time range ends later than its last record: the clock moves on to its end after the last record
        tickPositions[ticks] = n;
        tickTimes[ticks] = horizon;
        ticks++;
      }
      int[] counts = new int[tasks];
      for (byte t : taskOf) {
        counts[t]++;
      }
      int[][] recordsOf = new int[tasks][];
      for (int t = 0; t < tasks; t++) {
        recordsOf[t] = new int[counts[t]];
        counts[t] = 0;
      }
      for (int i = 0; i < n; i++) {
        recordsOf[taskOf[i]][counts[taskOf[i]]++] = i;
      }
      return new Clock(recordsOf, offsets, java.util.Arrays.copyOf(tickPositions, ticks), java.util.Arrays.copyOf(tickTimes, ticks));
    }

    /** A cheap hash of the series a datapoint belongs to (any stable function works: it only spreads series over tasks). */
    private static int seriesHash(MetricSeriesKey key, MetricDatapoint value) {
      if (key == null) {
        return value == null ? 0 : value.getMetricName().hashCode();
      }
      int h = key.getNamespace().hashCode() * 31 + key.getMetricName().hashCode();
      for (Dimension d : key.getDimensions()) {
        h = h * 31 + d.getName().hashCode();
        h = h * 31 + d.getValue().hashCode();
      }
      return h * 31 + key.getPeriodSeconds();
    }
  }

  /** One task: its processors and stores, run over its share of the input on the shared clock. */
  private final class TaskRun {
    private final int index;
    private final ReplayTask task;
    private final List<? extends ReplayRecord> input;
    private final Clock clock;
    private final TaskOutput out = new TaskOutput();
    private final Processor<MetricSeriesKey, MetricDatapoint, String, Output> thresholds;
    private final Processor<MetricSeriesKey, MetricDatapoint, MetricSeriesKey, AnomalyScore> scoring;
    private final Processor<MetricSeriesKey, AnomalyScore, String, Output> anomalyAlerts;
    private final Processor<String, LogEvent, String, Output> logRules;
    private int position;
    private int phase;
    private int sequence;

    TaskRun(int index, RuleProcessors processors, HeapStore<Object> rulesStore, long start,
        List<? extends ReplayRecord> input, Clock clock) {
      this.index = index;
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
          out.scores.add(new Emitted(position, phase, index, sequence++, score.value()));
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
        out.outputs.add(new Emitted(position, phase, index, sequence++, o));
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
}

package io.watchstream.replay.engine;

import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.replay.ReplayEngine;
import io.watchstream.replay.ReplayInputException;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.replay.RunResult;
import io.watchstream.replay.Transition;
import io.watchstream.replay.engine.TaskRun.Emitted;
import io.watchstream.replay.engine.TaskRun.TaskOutput;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleVersions;
import io.watchstream.processor.topology.Output;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.schemas.EventTimeLimits;
import io.watchstream.schemas.RecordBounds;
import io.watchstream.processor.topology.RuleProcessors;
import io.watchstream.schemas.TopicNames;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>{@link ReplayClock} is the shared clock and the split into tasks; {@link TaskRun} runs one task.
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
    // the readers refuse such times with file and line; this guards any other source (a Record cannot be stamped
    // before 1970, and no period arithmetic may overflow)
    for (long t : new long[] {first, last}) {
      String refused = EventTimeLimits.problem(t);
      if (refused != null) {
        throw new ReplayInputException("cannot replay: a record's timestamp " + t + " ms " + refused);
      }
    }
    // history is by definition behind the wall clock: no time bounds, no cap on output timestamps
    RuleProcessors processors = new RuleProcessors(config.topologySettings().withRecordBounds(RecordBounds.UNBOUNDED), names);
    HeapStore<Object> rulesStore = new HeapStore<>(ProcessorTopology.RULES_STORE);
    publishRules(processors, rulesStore, rules, first);

    ReplayClock clock = ReplayClock.of(input, TASKS, horizon);
    List<Future<TaskOutput>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "replay-task");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int p = 0; p < TASKS; p++) {
        TaskRun task = new TaskRun(p, processors, names, rulesStore, first, input, clock, keepAnomalyScores);
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
    List<Emitted<Output>> all = new ArrayList<>();
    List<Emitted<AnomalyScore>> scores = new ArrayList<>();
    long late = 0;
    long deadLetters = 0;
    for (TaskOutput o : outputs) {
      all.addAll(o.outputs);
      scores.addAll(o.scores);
      late += o.late;
      deadLetters += o.deadLetters;
    }
    all.sort(Emitted.order());
    scores.sort(Emitted.order());
    List<Transition> transitions = new ArrayList<>();
    List<AlertTransition> alerts = new ArrayList<>();
    List<ScalingCommand> scaling = new ArrayList<>();
    for (Emitted<Output> e : all) {
      if (e.value() instanceof Output.Alert a) {
        transitions.add(Transition.of(transitions.size(), a.value()));
        alerts.add(a.value());
      } else if (e.value() instanceof Output.Scaling s) {
        scaling.add(s.value());
      }
    }
    List<AnomalyScore> scoreValues = scores.stream().map(Emitted::value).toList();
    return new RunResult(label, List.copyOf(transitions), List.copyOf(alerts), List.copyOf(scaling), scoreValues,
        inputRecords, late, deadLetters, first, last, System.nanoTime() - started);
  }
}

package io.watchstream.replay;

import io.watchstream.replay.engine.InMemoryReplayEngine;
import io.watchstream.replay.report.HtmlReport;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay use case end to end: load and validate the rule files (before reading any input, so a bad
 * rule fails fast with exit 2), read the input, run each rule set through the processor topology, analyse,
 * and write the requested outputs. The CLI is a thin shell around {@link #run}.
 */
public final class Replay {

  /** What a replay produced, for the caller to print. */
  public record Outcome(ReplaySummary summary, List<RunResult> runs) {}

  /** Creates the engine a rule set runs in; tests substitute the Kafka Streams test driver to compare. */
  @FunctionalInterface
  public interface EngineFactory {
    ReplayEngine create(boolean keepAnomalyScores);
  }

  private final EngineFactory engines;

  /** Replays through the in-memory engine: the processor's own rule processors, no broker. */
  public Replay() {
    this(InMemoryReplayEngine::withDefaults);
  }

  public Replay(EngineFactory engines) {
    this.engines = engines;
  }

  public Outcome run(ReplayRequest request) throws RuleFileException, IOException {
    RuleFileLoader loader = new RuleFileLoader();
    List<LoadedRule> rules = loader.load(request.rules());
    List<LoadedRule> candidate = request.candidate() == null ? null : loader.load(request.candidate());
    LabelledWindows windows = request.windows() == null ? LabelledWindows.empty() : LabelledWindows.load(request.windows());

    List<ReplayRecord> records = read(request.input());
    InputSeries series = InputSeries.of(records);
    ReplayEngine runner = engines.create(request.html() != null);
    long horizon = request.input().horizon() == null ? Long.MIN_VALUE : request.input().horizon().toEpochMilli();
    List<RuleSetRun> runs = new ArrayList<>();
    runs.add(new RuleSetRun("rules", request.rules().toString(), rules, runner.run("rules", rules, records, horizon)));
    if (candidate != null) {
      runs.add(new RuleSetRun("candidate", request.candidate().toString(), candidate,
          runner.run("candidate", candidate, records, horizon)));
    }
    ReplayAnalysis analysis = new ReplayAnalysis(request.input().describe(), series, windows);
    ReplaySummary summary = analysis.summarise(runs.get(0), runs.size() > 1 ? runs.get(1) : null);
    List<RunResult> results = runs.stream().map(RuleSetRun::result).toList();
    summary = ReplayAnalysis.withPerformance(summary, results);
    if (request.json() != null) {
      SummaryWriter.writeSummary(summary, request.json());
    }
    if (request.transitions() != null) {
      SummaryWriter.writeTransitions(results, request.transitions());
    }
    if (request.html() != null) {
      new HtmlReport(summary, series, windows, runs).write(request.html());
    }
    if (request.input() instanceof ReplayRequest.Kafka k && k.publishOutputs()) {
      ReplayPublisher.publish(k, request.topicPrefix(), results);
    }
    return new Outcome(summary, results);
  }

  static List<ReplayRecord> read(ReplayRequest.Input input) {
    List<ReplayRecord> records = input.read();
    if (records.isEmpty()) {
      throw new ReplayInputException("no data to replay in " + input.describe());
    }
    return records;
  }
}

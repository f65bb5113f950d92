package io.watchstream.replay;

import io.watchstream.avro.ScalingCommand;
import io.watchstream.processor.eval.ThresholdEvaluator;
import io.watchstream.processor.rules.AnomalyRule;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.Rule;
import io.watchstream.processor.rules.ThresholdRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns one or two replay runs into a {@link ReplaySummary}: per rule and series the ALARM spans, time in
 * ALARM, Slack messages and scaling commands; the diff of the candidate against the baseline; detection
 * quality against labelled windows. Pure: the same runs give the same summary.
 */
public final class ReplayAnalysis {

  /** Per rule set: rule id -> series -> transitions in output order. */
  public record Grouped(Map<String, Map<String, List<Transition>>> transitions, Map<String, Map<String, Integer>> scaling,
                        long horizon) {
    public List<Transition> of(String ruleId, String series) {
      return transitions.getOrDefault(ruleId, Map.of()).getOrDefault(series, List.of());
    }

    public List<AlarmSpans.Span> spans(String ruleId, String series) {
      return AlarmSpans.of(of(ruleId, series), horizon);
    }
  }

  private final String source;
  private final InputSeries input;
  private final LabelledWindows windows;

  public ReplayAnalysis(String source, InputSeries input, LabelledWindows windows) {
    this.source = source;
    this.input = input;
    this.windows = windows;
  }

  public static Grouped group(RunResult r) {
    Map<String, Map<String, List<Transition>>> byRule = new HashMap<>();
    long horizon = r.lastTimestamp();
    for (Transition t : r.transitions()) {
      byRule.computeIfAbsent(t.ruleId(), k -> new TreeMap<>()).computeIfAbsent(t.seriesKey(), k -> new ArrayList<>()).add(t);
      horizon = Math.max(horizon, t.time());
    }
    Map<String, Map<String, Integer>> scaling = new HashMap<>();
    for (ScalingCommand c : r.scalingCommands()) {
      scaling.computeIfAbsent(c.getRuleId(), k -> new TreeMap<>()).merge(c.getSeriesKey(), 1, Integer::sum);
    }
    return new Grouped(byRule, scaling, horizon);
  }

  public ReplaySummary summarise(RuleSetRun baseline, RuleSetRun candidate) {
    List<ReplaySummary.RuleSet> sets = new ArrayList<>();
    Grouped b = group(baseline.result());
    sets.add(ruleSet(baseline, b));
    List<ReplaySummary.RuleDiff> diff = null;
    if (candidate != null) {
      Grouped c = group(candidate.result());
      sets.add(ruleSet(candidate, c));
      diff = RuleSetDiff.of(baseline, b, candidate, c);
    }
    RunResult r = baseline.result();
    long logs = r.inputRecords() - input.datapoints();
    return new ReplaySummary(
        new ReplaySummary.Input(source, input.all().size(), input.datapoints(), logs, iso(r.firstTimestamp()), iso(r.lastTimestamp())),
        sets, diff, null);
  }

  /** The summary with run timing added (kept apart so the rest stays deterministic). */
  public static ReplaySummary withPerformance(ReplaySummary s, List<RunResult> runs) {
    long records = runs.stream().mapToLong(RunResult::inputRecords).sum();
    double seconds = runs.stream().mapToLong(RunResult::elapsedNanos).sum() / 1e9;
    return new ReplaySummary(s.input(), s.ruleSets(), s.diff(),
        new ReplaySummary.Performance(records, DetectionScorer.round(seconds), Math.round(seconds == 0 ? 0 : records / seconds)));
  }

  private ReplaySummary.RuleSet ruleSet(RuleSetRun run, Grouped g) {
    List<ReplaySummary.RuleResult> rules = new ArrayList<>();
    for (LoadedRule lr : run.rules()) {
      rules.add(ruleResult(lr.rule(), g));
    }
    ReplaySummary.Totals totals = sum(rules.stream().map(ReplaySummary.RuleResult::totals).toList());
    return new ReplaySummary.RuleSet(run.label(), run.file(), run.result().lateRecords(), run.result().deadLetters(), totals, rules);
  }

  private ReplaySummary.RuleResult ruleResult(Rule rule, Grouped g) {
    Map<String, List<Transition>> perSeries = g.transitions().getOrDefault(rule.id(), Map.of());
    TreeSet<String> seriesNames = new TreeSet<>(perSeries.keySet());
    List<InputSeries.Series> covered = covered(rule);
    covered.forEach(s -> seriesNames.add(seriesKeyUnder(rule, s)));
    List<ReplaySummary.SeriesResult> series = new ArrayList<>();
    for (String name : seriesNames) {
      List<Transition> ts = perSeries.getOrDefault(name, List.of());
      List<AlarmSpans.Span> spans = AlarmSpans.of(ts, g.horizon());
      int scaling = g.scaling().getOrDefault(rule.id(), Map.of()).getOrDefault(name, 0);
      series.add(new ReplaySummary.SeriesResult(name, totals(ts, spans, scaling), spans.stream().map(ReplayAnalysis::span).toList()));
    }
    ReplaySummary.Detection detection = null;
    if (!windows.isEmpty()) {
      DetectionScorer scorer = new DetectionScorer();
      for (InputSeries.Series s : covered) {
        windows.windowsFor(s).ifPresent(w -> scorer.add(s, w, g.spans(rule.id(), seriesKeyUnder(rule, s))));
      }
      detection = scorer.result();
    }
    int version = perSeries.values().stream().flatMap(List::stream).mapToInt(Transition::ruleVersion).max().orElse(1);
    return new ReplaySummary.RuleResult(rule.id(), rule.kind(), version, seriesNames.size(),
        sum(series.stream().map(ReplaySummary.SeriesResult::totals).toList()), detection, series);
  }

  /**
   * The key the processor files an input series' alerts under for this rule: a threshold rule evaluates
   * the series at its own statistic and period (finer datapoints are aggregated), so the key names those.
   */
  public static String seriesKeyUnder(Rule rule, InputSeries.Series s) {
    if (rule instanceof ThresholdRule t) {
      var k = s.key();
      return io.watchstream.schemas.SeriesKeys.canonical(k.getNamespace(), k.getMetricName(), k.getDimensions(),
          t.statistic().name(), (int) t.period().toSeconds());
    }
    return s.canonical();
  }

  /** Input series the rule applies to (metric rules); log rules cover the streams they reported on. */
  public List<InputSeries.Series> covered(Rule rule) {
    List<InputSeries.Series> out = new ArrayList<>();
    for (InputSeries.Series s : input.all()) {
      var k = s.key();
      boolean matches = false;
      if (rule instanceof ThresholdRule t) {
        matches = t.metric().matches(k.getNamespace(), k.getMetricName(), k.getDimensions())
            && new ThresholdEvaluator(t).applies(k.getStatistic(), k.getPeriodSeconds());
      } else if (rule instanceof AnomalyRule a) {
        matches = a.metric().matches(k.getNamespace(), k.getMetricName(), k.getDimensions());
      }
      if (matches) {
        out.add(s);
      }
    }
    return out;
  }

  private static ReplaySummary.Totals totals(List<Transition> ts, List<AlarmSpans.Span> spans, int scaling) {
    int transitions = (int) ts.stream().filter(t -> !t.reminder()).count();
    int slack = ts.stream().mapToInt(Transition::slackMessages).sum();
    long inAlarm = spans.stream().mapToLong(AlarmSpans.Span::duration).sum();
    return new ReplaySummary.Totals(transitions, spans.size(), inAlarm, slack, scaling);
  }

  private static ReplaySummary.Totals sum(List<ReplaySummary.Totals> list) {
    return new ReplaySummary.Totals(
        list.stream().mapToInt(ReplaySummary.Totals::transitions).sum(),
        list.stream().mapToInt(ReplaySummary.Totals::alarms).sum(),
        list.stream().mapToLong(ReplaySummary.Totals::timeInAlarmMs).sum(),
        list.stream().mapToInt(ReplaySummary.Totals::slackMessages).sum(),
        list.stream().mapToInt(ReplaySummary.Totals::scalingCommands).sum());
  }

  static ReplaySummary.Span span(AlarmSpans.Span s) {
    return new ReplaySummary.Span(iso(s.start()), iso(s.end()), s.duration(), s.open());
  }

  static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}

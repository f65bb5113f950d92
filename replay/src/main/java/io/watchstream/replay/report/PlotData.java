package io.watchstream.replay.report;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.Rule;
import io.watchstream.processor.rules.ThresholdRule;
import io.watchstream.replay.InputSeries;
import io.watchstream.replay.LabelledWindows;
import io.watchstream.replay.ReplayAnalysis;
import io.watchstream.replay.RuleSetRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data the report's script draws from, embedded as JSON: per rule the thresholds of each rule set and,
 * for the series it covers (most alarms first, at most {@link #MAX_PLOTS_PER_RULE}), the values down-sampled
 * to at most {@link #MAX_POINTS} points, the ALARM spans of each rule set, the labelled windows and the
 * anomaly bands. Spans and windows are exact.
 */
record PlotData(List<String> sets, List<RulePlots> rules) {

  static final int MAX_POINTS = 1200;
  /** Rules covering more series show the ones with most alarms first, up to this many plots. */
  static final int MAX_PLOTS_PER_RULE = 40;

  /** Per rule set the threshold and comparison symbol, or null where the rule is not a threshold rule there. */
  record RulePlots(String id, String kind, List<Threshold> thresholds, List<SeriesPlot> series, int seriesOmitted) {}

  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  record Threshold(Double value, String symbol) {}

  /** {@code spans} and {@code bands} have one entry per rule set; a band point is [time, lower, upper]. */
  record SeriesPlot(String name, long[] t, double[] v, List<List<long[]>> spans, List<long[]> windows, List<List<double[]>> bands) {}

  static PlotData of(List<String> ruleIds, List<RuleSetRun> runs, InputSeries input, LabelledWindows windows) {
    ReplayAnalysis analysis = new ReplayAnalysis("", input, windows);
    List<ReplayAnalysis.Grouped> grouped = runs.stream().map(r -> ReplayAnalysis.group(r.result())).toList();
    List<RulePlots> rules = ruleIds.stream().map(id -> rule(id, runs, analysis, grouped, windows)).toList();
    return new PlotData(runs.stream().map(RuleSetRun::label).toList(), rules);
  }

  private static RulePlots rule(String ruleId, List<RuleSetRun> runs, ReplayAnalysis analysis, List<ReplayAnalysis.Grouped> grouped,
      LabelledWindows windows) {
    List<Rule> versions = runs.stream().map(r -> r.rules().stream().map(LoadedRule::rule).filter(x -> x.id().equals(ruleId))
        .findFirst().orElse(null)).toList();
    List<Threshold> thresholds = versions.stream()
        .map(rule -> rule instanceof ThresholdRule t ? new Threshold(t.threshold(), t.comparison().symbol()) : null).toList();
    Rule anyRule = versions.stream().filter(Objects::nonNull).findFirst().orElse(null);
    List<InputSeries.Series> covered = anyRule == null ? new ArrayList<>() : coveredByAny(analysis, versions);
    covered.sort((a, b) -> Integer.compare(alarms(grouped, versions, b), alarms(grouped, versions, a)));
    List<SeriesPlot> series = new ArrayList<>();
    for (InputSeries.Series s : covered.subList(0, Math.min(MAX_PLOTS_PER_RULE, covered.size()))) {
      List<List<long[]>> spans = new ArrayList<>();
      for (int k = 0; k < grouped.size(); k++) {
        spans.add(versions.get(k) == null ? List.of() : grouped.get(k).spans(ruleId, ReplayAnalysis.seriesKeyUnder(versions.get(k), s))
            .stream().map(x -> new long[] {x.start(), x.end()}).toList());
      }
      List<long[]> labelled = windows.windowsFor(s).orElse(List.of()).stream().map(w -> new long[] {w.startMillis(), w.endMillis()}).toList();
      Downsampled d = downsample(s.timestamps(), s.values());
      // anomaly scores carry the input series' own key
      series.add(new SeriesPlot(s.canonical(), d.t(), d.v(), spans, labelled, bands(runs, ruleId, s.canonical())));
    }
    return new RulePlots(ruleId, anyRule == null ? "" : anyRule.kind(), thresholds, series, Math.max(0, covered.size() - MAX_PLOTS_PER_RULE));
  }

  private static List<InputSeries.Series> coveredByAny(ReplayAnalysis analysis, List<Rule> versions) {
    Map<String, InputSeries.Series> out = new LinkedHashMap<>();
    for (Rule rule : versions) {
      if (rule != null) {
        analysis.covered(rule).forEach(s -> out.put(s.canonical(), s));
      }
    }
    return new ArrayList<>(out.values());
  }

  private static int alarms(List<ReplayAnalysis.Grouped> grouped, List<Rule> versions, InputSeries.Series s) {
    int n = 0;
    for (int k = 0; k < grouped.size(); k++) {
      Rule rule = versions.get(k);
      n += rule == null ? 0 : grouped.get(k).spans(rule.id(), ReplayAnalysis.seriesKeyUnder(rule, s)).size();
    }
    return n;
  }

  /** Anomaly bands per rule set from the anomaly-scores output, down-sampled by stride. */
  private static List<List<double[]>> bands(List<RuleSetRun> runs, String ruleId, String series) {
    List<List<double[]>> out = new ArrayList<>();
    for (RuleSetRun r : runs) {
      List<double[]> band = new ArrayList<>();
      for (AnomalyScore a : r.result().anomalyScores()) {
        if (a.getRuleId().equals(ruleId) && a.getSeriesKey().equals(series) && a.getLower() != null && a.getUpper() != null) {
          band.add(new double[] {a.getTimestamp().toEpochMilli(), a.getLower(), a.getUpper()});
        }
      }
      int stride = Math.max(1, band.size() / MAX_POINTS);
      List<double[]> sampled = new ArrayList<>();
      for (int i = 0; i < band.size(); i += stride) {
        sampled.add(band.get(i));
      }
      out.add(sampled);
    }
    return out;
  }

  record Downsampled(long[] t, double[] v) {}

  /** Keeps the first, min and max of each bucket, so spikes survive down-sampling. */
  static Downsampled downsample(long[] ts, double[] vs) {
    if (ts.length <= MAX_POINTS) {
      return new Downsampled(ts, vs);
    }
    int buckets = MAX_POINTS / 2;
    long[] t = new long[buckets * 2];
    double[] v = new double[buckets * 2];
    int n = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * ts.length / buckets);
      int to = (int) ((long) (b + 1) * ts.length / buckets);
      if (from >= to) {
        continue;
      }
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        if (vs[i] < vs[lo]) {
          lo = i;
        }
        if (vs[i] > vs[hi]) {
          hi = i;
        }
      }
      int a = Math.min(lo, hi);
      int c = Math.max(lo, hi);
      t[n] = ts[a];
      v[n++] = vs[a];
      if (c != a) {
        t[n] = ts[c];
        v[n++] = vs[c];
      }
    }
    return new Downsampled(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
  }
}

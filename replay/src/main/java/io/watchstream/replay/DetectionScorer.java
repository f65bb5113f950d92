package io.watchstream.replay;

import io.watchstream.replay.nab.AnomalyWindow;
import io.watchstream.replay.nab.CostProfile;
import io.watchstream.replay.nab.LabelledSeries;
import io.watchstream.replay.nab.NabScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores one rule's alarms against labelled windows, over every labelled series the rule covers.
 * Detections are the times the rule entered ALARM. For the NAB-style score a detection marks the last
 * datapoint before its time (the one that completed the deciding period) with score 1, every other
 * point 0, and {@link NabScorer} does the rest (probation, scaled-sigmoid rewards, first detection per
 * window) at threshold 0.5 under the standard profile.
 */
final class DetectionScorer {

  private final List<Long> delays = new ArrayList<>();
  private int labelledSeries;
  private int windows;
  private int windowsDetected;
  private int detections;
  private int trueDetections;
  private double raw;
  private double nul;
  private double perfect;
  private int tp;
  private int fn;
  private int fp;

  void add(InputSeries.Series series, List<AnomalyWindow> labelled, List<AlarmSpans.Span> spans) {
    labelledSeries++;
    windows += labelled.size();
    long[] starts = spans.stream().mapToLong(AlarmSpans.Span::start).toArray();
    detections += starts.length;
    for (long s : starts) {
      if (labelled.stream().anyMatch(w -> s >= w.startMillis() && s <= w.endMillis())) {
        trueDetections++;
      }
    }
    for (AnomalyWindow w : labelled) {
      Arrays.stream(starts).filter(s -> s >= w.startMillis() && s <= w.endMillis()).min().ifPresent(first -> {
        windowsDetected++;
        delays.add(first - w.startMillis());
      });
    }
    long[] ts = series.timestamps();
    double[] scores = new double[ts.length];
    for (long s : starts) {
      int i = lastBefore(ts, s);
      if (i >= 0) {
        scores[i] = 1.0;
      }
    }
    CostProfile profile = CostProfile.STANDARD;
    NabScorer.ScoredFile f = NabScorer.sweep(new LabelledSeries(series.canonical(), ts, series.values(), labelled), scores, profile);
    NabScorer.Outcome o = NabScorer.outcomeAt(f, 0.5, profile);
    raw += o.score();
    nul += -profile.fnWeight() * f.windowCount();
    perfect += Arrays.stream(f.perfectPerWindow()).sum();
    tp += o.truePositives();
    fn += o.falseNegatives();
    fp += o.falsePositives();
  }

  /** Index of the last timestamp strictly before {@code t}, or -1. */
  private static int lastBefore(long[] ts, long t) {
    int lo = 0;
    int hi = ts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  ReplaySummary.Detection result() {
    if (labelledSeries == 0) {
      return null;
    }
    List<Long> sorted = delays.stream().sorted().toList();
    ReplaySummary.Nab nab = perfect == nul ? null
        : new ReplaySummary.Nab(CostProfile.STANDARD.name(), round(raw), round(nul), round(perfect),
            round(100 * (raw - nul) / (perfect - nul)), tp, fn, fp);
    return new ReplaySummary.Detection(labelledSeries, windows, windowsDetected, detections, trueDetections,
        detections == 0 ? null : round((double) trueDetections / detections),
        windows == 0 ? null : round((double) windowsDetected / windows),
        sorted.isEmpty() ? null : Math.round(sorted.stream().mapToLong(Long::longValue).average().orElse(0)),
        sorted.isEmpty() ? null : sorted.get((sorted.size() - 1) / 2),
        nab);
  }

  /** Four decimals: enough to compare, stable across platforms for the golden file. */
  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}

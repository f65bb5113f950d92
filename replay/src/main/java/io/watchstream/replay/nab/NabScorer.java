package io.watchstream.replay.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The NAB scoring rules, as in the benchmark's sweeper: every datapoint gets a reward that depends on
 * where it lies relative to the labelled windows (a scaled sigmoid of its relative position), the
 * probationary prefix is ignored, only the best (= earliest) detection in a window counts, every
 * detection outside a window is a false positive, and a missed window costs the false-negative weight.
 * A single threshold, the one that maximises the corpus score, turns anomaly scores into detections.
 */
public final class NabScorer {

  /** Share of each file that is probationary, capped at {@link #MAX_PROBATION} points. */
  static final double PROBATION_SHARE = 0.15;
  static final int MAX_PROBATION = 750;

  private NabScorer() {}

  /** One file's scorable points under one profile: anomaly score, weighted reward, window index or -1. */
  public record ScoredFile(String name, double[] scores, double[] rewards, int[] windowOf, double[] perfectPerWindow) {
    public int windowCount() {
      return perfectPerWindow.length;
    }
  }

  /** The outcome of one file (or the corpus) at one threshold. */
  public record Outcome(double score, int truePositives, int falseNegatives, int falsePositives) {}

  /** A file's outcome at the chosen threshold, with its own null and perfect scores for normalisation. */
  public record FileResult(String name, int windows, Outcome outcome, double nullScore, double perfectScore) {
    /** Normalised file score, NaN for files without windows (no null/perfect spread). */
    public double normalised() {
      return perfectScore == nullScore ? Double.NaN : 100 * (outcome.score() - nullScore) / (perfectScore - nullScore);
    }
  }

  /** Corpus result for one profile at its score-maximising threshold. */
  public record ProfileResult(CostProfile profile, double threshold, double rawScore, double nullScore,
                              double perfectScore, List<FileResult> files) {
    public double normalised() {
      return 100 * (rawScore - nullScore) / (perfectScore - nullScore);
    }
  }

  /** Length of the probationary prefix of a file with {@code n} rows. */
  public static int probationaryLength(int n) {
    return (int) Math.min(Math.floor(PROBATION_SHARE * n), PROBATION_SHARE * 5000);
  }

  /** 2·sigmoid(−5x) − 1: ≈ +0.987 at x = −1 (window start), 0 at the window end, → −1 far after; −1 beyond 3. */
  public static double scaledSigmoid(double relativePosition) {
    if (relativePosition > 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
  }

  /** Scores the whole corpus under {@code profile}; {@code anomalyScores.get(i)} belongs to {@code corpus.get(i)}. */
  public static ProfileResult evaluate(List<LabelledSeries> corpus, List<double[]> anomalyScores, CostProfile profile) {
    List<ScoredFile> files = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      files.add(sweep(corpus.get(i), anomalyScores.get(i), profile));
    }
    double threshold = BestThreshold.of(files, profile);
    List<FileResult> results = new ArrayList<>();
    double raw = 0;
    double nul = 0;
    double perfect = 0;
    for (ScoredFile f : files) {
      FileResult r = fileResult(f, threshold, profile);
      results.add(r);
      raw += r.outcome().score();
      nul += r.nullScore();
      perfect += r.perfectScore();
    }
    return new ProfileResult(profile, threshold, raw, nul, perfect, List.copyOf(results));
  }

  /** One file's outcome at {@code threshold}, with the null (never fires) and perfect detectors' scores of the file. */
  public static FileResult fileResult(ScoredFile f, double threshold, CostProfile profile) {
    double fileNull = -profile.fnWeight() * f.windowCount();
    double filePerfect = Arrays.stream(f.perfectPerWindow()).sum();
    return new FileResult(f.name(), f.windowCount(), outcomeAt(f, threshold, profile), fileNull, filePerfect);
  }

  /** Computes the reward of every scorable point of one file, walking the windows in time order. */
  public static ScoredFile sweep(LabelledSeries series, double[] anomalyScores, CostProfile profile) {
    long[] ts = series.timestamps();
    int n = ts.length;
    if (anomalyScores.length != n) {
      throw new IllegalArgumentException(series.name() + ": " + n + " rows but " + anomalyScores.length + " scores");
    }
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(anomalyScores[i])) {
        throw new IllegalArgumentException(series.name() + ": anomaly score of row " + i + " is NaN");
      }
    }
    List<int[]> bounds = WindowRows.of(series);
    int[] windowAt = new int[n];
    Arrays.fill(windowAt, -1);
    for (int w = 0; w < bounds.size(); w++) {
      for (int i = bounds.get(w)[0]; i <= bounds.get(w)[1]; i++) {
        windowAt[i] = w;
      }
    }
    double maxTp = scaledSigmoid(-1.0);
    int probation = probationaryLength(n);
    double[] rewards = new double[n];
    int prevRight = -1;
    int prevWidth = 0;
    for (int i = 0; i < n; i++) {
      int w = windowAt[i];
      if (w >= 0) {
        int left = bounds.get(w)[0];
        int right = bounds.get(w)[1];
        double width = right - left + 1;
        rewards[i] = scaledSigmoid(-(right - i + 1) / width) * profile.tpWeight() / maxTp;
        if (i == right) {
          prevRight = right;
          prevWidth = right - left + 1;
        }
      } else if (prevRight < 0) {
        rewards[i] = -profile.fpWeight();
      } else {
        // a false positive just after a window costs little: it may be a late view of the same event
        rewards[i] = scaledSigmoid((i - prevRight) / (double) (prevWidth - 1)) * profile.fpWeight();
      }
    }
    int scorable = n - probation;
    double[] scores = Arrays.copyOfRange(anomalyScores, probation, n);
    double[] scorableRewards = Arrays.copyOfRange(rewards, probation, n);
    int[] windowOf = new int[scorable];
    // renumber windows so that windows lying wholly in the probationary period disappear
    int[] renumber = new int[bounds.size()];
    Arrays.fill(renumber, -1);
    List<Double> perfect = new ArrayList<>();
    for (int j = 0; j < scorable; j++) {
      int w = windowAt[probation + j];
      if (w >= 0 && renumber[w] < 0) {
        renumber[w] = perfect.size();
        perfect.add(scorableRewards[j]); // the first scorable point of a window carries its best reward
      }
      windowOf[j] = w < 0 ? -1 : renumber[w];
    }
    return new ScoredFile(series.name(), scores, scorableRewards, windowOf,
        perfect.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Outcome of one file when every point with score ≥ {@code threshold} is a detection. */
  public static Outcome outcomeAt(ScoredFile f, double threshold, CostProfile profile) {
    double[] windowScore = new double[f.windowCount()];
    Arrays.fill(windowScore, Double.NaN);
    double score = 0;
    int fp = 0;
    for (int j = 0; j < f.scores().length; j++) {
      if (!(f.scores()[j] >= threshold)) {
        continue;
      }
      int w = f.windowOf()[j];
      if (w < 0) {
        score += f.rewards()[j];
        fp++;
      } else if (Double.isNaN(windowScore[w]) || f.rewards()[j] > windowScore[w]) {
        windowScore[w] = f.rewards()[j];
      }
    }
    int tp = 0;
    for (double s : windowScore) {
      if (Double.isNaN(s)) {
        score -= profile.fnWeight();
      } else {
        score += Math.max(s, -profile.fnWeight());
        tp++;
      }
    }
    return new Outcome(score, tp, f.windowCount() - tp, fp);
  }
}

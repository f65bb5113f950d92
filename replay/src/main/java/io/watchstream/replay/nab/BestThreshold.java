package io.watchstream.replay.nab;

import java.util.Arrays;
import java.util.List;

/**
 * The corpus-wide detection threshold of {@link NabScorer}: one sweep over every scorable point of every file in
 * descending score order, keeping the best summed score (only the best detection in a window counts).
 */
final class BestThreshold {

  private BestThreshold() {}

  /** The threshold maximising the summed score of {@code files}; +∞ (never detect) if nothing beats that. */
  static double of(List<NabScorer.ScoredFile> files, CostProfile profile) {
    int total = files.stream().mapToInt(f -> f.scores().length).sum();
    double[] scores = new double[total];
    double[] rewards = new double[total];
    int[] windows = new int[total];
    int k = 0;
    int windowBase = 0;
    for (NabScorer.ScoredFile f : files) {
      for (int j = 0; j < f.scores().length; j++, k++) {
        scores[k] = f.scores()[j];
        rewards[k] = f.rewards()[j];
        windows[k] = f.windowOf()[j] < 0 ? -1 : windowBase + f.windowOf()[j];
      }
      windowBase += f.windowCount();
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double[] windowScore = new double[windowBase];
    Arrays.fill(windowScore, -profile.fnWeight());
    double current = -profile.fnWeight() * windowBase;
    double best = current;
    double bestThreshold = Double.POSITIVE_INFINITY;
    for (int i = 0; i < total; ) {
      double threshold = scores[order[i]];
      // lower the threshold to this score: every point with exactly this score becomes a detection
      while (i < total && scores[order[i]] == threshold) {
        int p = order[i++];
        if (windows[p] < 0) {
          current += rewards[p];
        } else if (rewards[p] > windowScore[windows[p]]) {
          current += rewards[p] - windowScore[windows[p]];
          windowScore[windows[p]] = rewards[p];
        }
      }
      if (current > best) {
        best = current;
        bestThreshold = threshold;
      }
    }
    return bestThreshold;
  }
}

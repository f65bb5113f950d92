package io.watchstream.replay.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tiny synthetic corpus of 100-row files (probation 15 rows), one window on rows 40..49 each, with hand-made
 * score streams: every file but "odd" has its only high score (0.8) at the window's start and nothing else above
 * 0.1; "odd" reaches only 0.5 at its window's start, so its own best threshold (0.5) differs from the others' (0.8).
 */
class CrossValidationTest {

  private static final long T0 = NabTimestamps.parseMillis("2020-01-01 00:00:00");

  private static LabelledSeries file(String name) {
    long[] ts = new long[100];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = T0 + i * 60_000L;
    }
    return new LabelledSeries(name, ts, new double[100], List.of(new AnomalyWindow(ts[40], ts[49])));
  }

  private static double[] peakAtWindowStart(double peak) {
    double[] s = new double[100];
    java.util.Arrays.fill(s, 0.1);
    s[40] = peak;
    return s;
  }

  private static final List<LabelledSeries> CORPUS = List.of(file("a/one.csv"), file("a/two.csv"), file("b/odd.csv"),
      file("b/three.csv"));
  private static final List<double[]> SCORES = List.of(peakAtWindowStart(0.8), peakAtWindowStart(0.8),
      peakAtWindowStart(0.5), peakAtWindowStart(0.8));

  @Test
  void aFileWhoseBestThresholdDiffersIsScoredWithTheThresholdChosenOnTheOthers() {
    var cv = CrossValidation.evaluate(CORPUS, List.of(new CrossValidation.Candidate("m", SCORES)), CostProfile.STANDARD,
        CrossValidation.Folds.FILE);
    var odd = cv.files().get(2);
    assertThat(odd.result().name()).isEqualTo("b/odd.csv");
    assertThat(odd.threshold()).isEqualTo(0.8);
    assertThat(odd.result().outcome().truePositives()).isZero();
    assertThat(odd.result().outcome().score()).isEqualTo(-1.0);
    // the other files are chosen a threshold that also catches "odd" (0.5) when it is in their training set
    assertThat(cv.files().get(0).threshold()).isEqualTo(0.5);
    assertThat(cv.files().get(0).result().outcome().truePositives()).isOne();
  }

  @Test
  void heldOutRawScoresAreNormalisedAgainstTheNullAndPerfectDetectorOverTheSameFiles() {
    var cv = CrossValidation.evaluate(CORPUS, List.of(new CrossValidation.Candidate("m", SCORES)), CostProfile.STANDARD,
        CrossValidation.Folds.FILE);
    double perWindowPerfect = 1.0; // a detection at a window's first row earns the full true-positive weight
    assertThat(cv.nullScore()).isEqualTo(-4.0);
    assertThat(cv.perfectScore()).isCloseTo(4 * perWindowPerfect, within(1e-9));
    // three windows caught at their first row (perfect), one missed
    assertThat(cv.rawScore()).isCloseTo(3 * perWindowPerfect - 1, within(1e-9));
    assertThat(cv.normalised()).isCloseTo(100 * (3 * perWindowPerfect - 1 + 4) / (4 * perWindowPerfect + 4), within(1e-9));
  }

  @Test
  void categoryFoldsHoldOutAWholeFolderAndTrainOnTheOtherFolders() {
    var cv = CrossValidation.evaluate(CORPUS, List.of(new CrossValidation.Candidate("m", SCORES)), CostProfile.STANDARD,
        CrossValidation.Folds.CATEGORY);
    assertThat(cv.files()).extracting(CrossValidation.HeldOut::fold).containsExactly("a", "a", "b", "b");
    // folder b is scored with folder a's threshold (0.8), which misses "odd"; folder a with b's (0.5), which catches all
    assertThat(cv.files()).extracting(CrossValidation.HeldOut::threshold).containsExactly(0.5, 0.5, 0.8, 0.8);
    assertThat(cv.files()).extracting(h -> h.result().outcome().truePositives()).containsExactly(1, 1, 0, 1);
  }

  @Test
  void theCandidateIsChosenOnTheTrainingFilesOnly() {
    // candidate "good" is right on every file but "odd", where only "other" finds the window
    List<double[]> other = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      other.add(i == 2 ? peakAtWindowStart(0.9) : peakAtWindowStart(0.05));
    }
    var candidates = List.of(new CrossValidation.Candidate("good", SCORES), new CrossValidation.Candidate("other", other));
    var cv = CrossValidation.evaluate(CORPUS, candidates, CostProfile.STANDARD, CrossValidation.Folds.FILE);
    assertThat(cv.files()).extracting(CrossValidation.HeldOut::candidate).containsExactly("good", "good", "good", "good");
    // held out, "odd" gets "good" at the others' 0.8 and is missed: "other" would have found it, but not by data without it
    assertThat(cv.files().get(2).threshold()).isEqualTo(0.8);
    assertThat(cv.files().get(2).result().outcome().truePositives()).isZero();
  }
}

package io.watchstream.replay.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-made series: 100 rows one minute apart (probation = 15 rows) and one window on rows 40..49.
 * Expected values are computed by hand from 2·sigmoid(−5x) − 1 (see the comments).
 */
class NabScorerTest {

  private static final long T0 = NabTimestamps.parseMillis("2020-01-01 00:00:00");
  private static final long MINUTE = 60_000L;

  private static LabelledSeries series(int n, int... windowRows) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = T0 + i * MINUTE;
    }
    List<AnomalyWindow> windows = new java.util.ArrayList<>();
    for (int w = 0; w < windowRows.length; w += 2) {
      windows.add(new AnomalyWindow(ts[windowRows[w]], ts[windowRows[w + 1]]));
    }
    return new LabelledSeries("hand.csv", ts, new double[n], windows);
  }

  private static double[] detectionsAt(int n, int... rows) {
    double[] s = new double[n];
    for (int r : rows) {
      s[r] = 1.0;
    }
    return s;
  }

  private static NabScorer.Outcome outcome(LabelledSeries s, double[] scores, CostProfile p) {
    return NabScorer.outcomeAt(NabScorer.sweep(s, scores, p), 1.0, p);
  }

  @Test
  void probationIsFifteenPercentCappedAt750() {
    assertThat(NabScorer.probationaryLength(100)).isEqualTo(15);
    assertThat(NabScorer.probationaryLength(4032)).isEqualTo(604);
    assertThat(NabScorer.probationaryLength(10_000)).isEqualTo(750);
  }

  @Test
  void scaledSigmoidIsZeroAtWindowEndAndMinusOneFarAway() {
    assertThat(NabScorer.scaledSigmoid(0)).isEqualTo(0.0);
    assertThat(NabScorer.scaledSigmoid(-1)).isCloseTo(0.9866143, within(1e-7));
    assertThat(NabScorer.scaledSigmoid(3.01)).isEqualTo(-1.0);
  }

  @Test
  void detectionAtWindowStartEarnsTheFullTruePositiveWeight() {
    var o = outcome(series(100, 40, 49), detectionsAt(100, 40), CostProfile.STANDARD);
    assertThat(o.score()).isCloseTo(1.0, within(1e-12));
    assertThat(o.truePositives()).isEqualTo(1);
    assertThat(o.falsePositives()).isZero();
  }

  @Test
  void detectionAtWindowEndEarnsLittle() {
    // position −1/10: (2·sigmoid(0.5) − 1) / 0.9866143 = 0.2482415
    var o = outcome(series(100, 40, 49), detectionsAt(100, 49), CostProfile.STANDARD);
    assertThat(o.score()).isCloseTo(0.2482415, within(1e-6));
  }

  @Test
  void onlyTheEarliestDetectionInAWindowCounts() {
    // rows 45 (position −5/10: 0.8597926) and 49; the earlier one wins, nothing is added
    var o = outcome(series(100, 40, 49), detectionsAt(100, 45, 47, 49), CostProfile.STANDARD);
    assertThat(o.score()).isCloseTo(0.8597926, within(1e-6));
    assertThat(o.truePositives()).isEqualTo(1);
  }

  @Test
  void falsePositivesCostFullWeightBeforeAWindowAndLessJustAfterIt() {
    // row 20: −0.11; row 54: 5/9 past the window: 0.11·(2·sigmoid(−2.78) − 1) = −0.0971219;
    // row 80: 31/9 > 3 past the window: −0.11; the window is missed: −1
    var o = outcome(series(100, 40, 49), detectionsAt(100, 20, 54, 80), CostProfile.STANDARD);
    assertThat(o.score()).isCloseTo(-0.11 - 0.0971219 - 0.11 - 1.0, within(1e-6));
    assertThat(o.falsePositives()).isEqualTo(3);
    assertThat(o.falseNegatives()).isEqualTo(1);
  }

  @Test
  void detectionsInTheProbationaryPeriodAreIgnored() {
    var o = outcome(series(100, 40, 49), detectionsAt(100, 3, 14, 40), CostProfile.STANDARD);
    assertThat(o.score()).isCloseTo(1.0, within(1e-12));
    assertThat(o.falsePositives()).isZero();
  }

  @Test
  void profilesWeighFalsePositivesAndMissesDifferently() {
    var s = series(100, 40, 49);
    double[] d = detectionsAt(100, 20);
    assertThat(outcome(s, d, CostProfile.REWARD_LOW_FP_RATE).score()).isCloseTo(-0.22 - 1.0, within(1e-12));
    assertThat(outcome(s, d, CostProfile.REWARD_LOW_FN_RATE).score()).isCloseTo(-0.11 - 2.0, within(1e-12));
  }

  @Test
  void thresholdIsChosenToMaximiseTheCorpusScore() {
    var s = series(100, 40, 49);
    double[] scores = new double[100];
    scores[40] = 0.6;  // window start: +1
    scores[20] = 0.9;  // FP, −0.11
    scores[30] = 0.5;  // FP, −0.11
    scores[31] = 0.5;  // FP, −0.11
    // at 0.9: −0.11 −1; at 0.6: −0.11 + 1 = 0.89 (best); at 0.5: 0.67; at 0: many FPs
    var result = NabScorer.evaluate(List.of(s), List.of(scores), CostProfile.STANDARD);
    assertThat(result.threshold()).isEqualTo(0.6);
    assertThat(result.rawScore()).isCloseTo(0.89, within(1e-12));
    assertThat(result.nullScore()).isEqualTo(-1.0);
    assertThat(result.perfectScore()).isCloseTo(1.0, within(1e-12));
    assertThat(result.normalised()).isCloseTo(100 * (0.89 + 1) / 2, within(1e-9));
  }

  @Test
  void aDetectorThatNeverFiresScoresZeroAndAPerfectOneScoresHundred() {
    var a = series(100, 40, 49);
    var b = series(200, 60, 79, 150, 169);
    var never = NabScorer.evaluate(List.of(a, b), List.of(new double[100], new double[200]), CostProfile.STANDARD);
    assertThat(never.normalised()).isCloseTo(0.0, within(1e-9));
    var perfect = NabScorer.evaluate(List.of(a, b),
        List.of(detectionsAt(100, 40), detectionsAt(200, 60, 150)), CostProfile.REWARD_LOW_FN_RATE);
    assertThat(perfect.normalised()).isCloseTo(100.0, within(1e-9));
    assertThat(perfect.files()).extracting(f -> f.outcome().truePositives()).containsExactly(1, 2);
  }

  @Test
  void aRowThatStepsBackInTimeKeepsItsPlaceAndTheWindowSpansItsFirstToLastRowInside() {
    LabelledSeries ordered = series(100, 40, 49);
    long[] ts = ordered.timestamps().clone();
    ts[45] = ts[10]; // a straggler inside the window, from before it
    ts[60] = ts[44]; // a re-sent row from inside the window, after it
    LabelledSeries shuffled = new LabelledSeries("shuffled.csv", ts, new double[100], ordered.windows());
    assertThat(WindowRows.of(shuffled)).containsExactly(new int[] {40, 60});
    // a detection at the first row inside the window is still the earliest possible one
    assertThat(outcome(shuffled, detectionsAt(100, 40), CostProfile.STANDARD).truePositives()).isOne();
  }
}

package io.watchstream.processor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveBaselineTest {

  static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, AdaptiveBaseline.WEEK);
  static final long STEP = 5 * 60_000L;

  static double[] scoresOf(BaselineModel m, double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      Score s = m.update(T0 + i * STEP, values[i]);
      assertThat(s.score()).isBetween(0.0, 1.0);
      out[i] = s.score();
    }
    return out;
  }

  static double max(double[] a, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, a[i]);
    }
    return m;
  }

  @Test
  void aSpikeInGaussianNoiseScoresFarAboveTheNoise() {
    Random r = new Random(1);
    double[] v = new double[3000];
    for (int i = 0; i < v.length; i++) {
      v[i] = 50 + r.nextGaussian();
    }
    v[2500] = 70;
    double[] s = scoresOf(new AdaptiveBaseline(ModelKind.ROBUST, AnomalySettings.DEFAULTS), v);
    assertThat(s[2500]).isGreaterThan(0.5);
    assertThat(s[2500]).isGreaterThan(1.5 * max(s, 500, 2500));
  }

  @Test
  void theRobustBaselineFollowsALevelShiftAndThenCalmsDown() {
    Random r = new Random(2);
    AdaptiveBaseline m = new AdaptiveBaseline(ModelKind.ROBUST, AnomalySettings.DEFAULTS);
    Score last = null;
    double[] scores = new double[3000];
    for (int i = 0; i < 3000; i++) {
      last = m.update(T0 + i * STEP, (i < 1500 ? 10 : 30) + r.nextGaussian());
      scores[i] = last.score();
    }
    assertThat(scores[1500]).isGreaterThan(0.5);
    assertThat(last.expected()).isCloseTo(30, within(0.5));
    assertThat(max(scores, 2500, 3000)).isLessThan(scores[1500] / 2);
  }

  @Test
  void theSeasonalModelLearnsADailyCycle() {
    Random r = new Random(3);
    AdaptiveBaseline m = new AdaptiveBaseline(ModelKind.SEASONAL, AnomalySettings.DEFAULTS);
    Score s = null;
    int perDay = 288;
    for (int i = 0; i < 5 * perDay; i++) {
      double v = 100 + 40 * Math.sin(2 * Math.PI * i / perDay) + r.nextGaussian();
      s = m.update(T0 + i * STEP, v);
    }
    assertThat(s.model()).isEqualTo(ModelKind.SEASONAL);
    double next = 100 + 40 * Math.sin(2 * Math.PI * (5 * perDay) / perDay);
    Score nextScore = m.update(T0 + 5L * perDay * STEP, next);
    assertThat(nextScore.expected()).isCloseTo(next, within(3.0));
    assertThat(nextScore.upper() - nextScore.lower()).isLessThan(20);
  }

  @Test
  void autoPicksSeasonalForACyclicSeriesAndRobustForPureNoise() {
    Random r = new Random(4);
    AdaptiveBaseline cyclic = new AdaptiveBaseline(ModelKind.AUTO, AnomalySettings.DEFAULTS);
    AdaptiveBaseline noise = new AdaptiveBaseline(ModelKind.AUTO, AnomalySettings.DEFAULTS);
    Score c = null;
    Score n = null;
    for (int i = 0; i < 4 * 288; i++) {
      c = cyclic.update(T0 + i * STEP, 100 + 40 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian());
      n = noise.update(T0 + i * STEP, 100 + r.nextGaussian());
    }
    assertThat(c.model()).isEqualTo(ModelKind.SEASONAL);
    assertThat(n.model()).isEqualTo(ModelKind.ROBUST);
  }

  @Test
  void scoresAreZeroAndBandsEmptyDuringTheTrainingPeriod() {
    AdaptiveBaseline m = new AdaptiveBaseline(ModelKind.ROBUST, new AnomalySettings(3, 10));
    for (int i = 0; i < 10; i++) {
      Score s = m.update(T0 + i * STEP, i == 5 ? 1e6 : 1);
      assertThat(s.training()).isTrue();
      assertThat(s.score()).isZero();
      assertThat(s.expected()).isNaN();
    }
    assertThat(m.update(T0 + 10 * STEP, 1).training()).isFalse();
  }

  @Test
  void theBandIsExpectedPlusMinusSensitivityStandardDeviations() {
    Random r = new Random(5);
    AdaptiveBaseline narrow = new AdaptiveBaseline(ModelKind.ROBUST, new AnomalySettings(2, 10));
    AdaptiveBaseline wide = new AdaptiveBaseline(ModelKind.ROBUST, new AnomalySettings(4, 10));
    Score a = null;
    Score b = null;
    for (int i = 0; i < 2000; i++) {
      double v = 20 + r.nextGaussian();
      a = narrow.update(T0 + i * STEP, v);
      b = wide.update(T0 + i * STEP, v);
    }
    double sigmaA = (a.upper() - a.lower()) / 4;
    assertThat(sigmaA).isCloseTo(1.0, within(0.25));
    assertThat(b.upper() - b.lower()).isCloseTo(2 * (a.upper() - a.lower()), within(1e-9));
    assertThat(a.outside(a.upper() + 0.1, Score.Direction.ABOVE)).isTrue();
    assertThat(a.outside(a.upper() + 0.1, Score.Direction.BELOW)).isFalse();
  }

  @Test
  void theRobustBaselineAdaptsToMoreNoiseWithinDays() {
    Random r = new Random(6);
    int n = 6000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 100 + (i < 2000 ? 1 : 4) * r.nextGaussian();
    }
    AdaptiveBaseline m = new AdaptiveBaseline(ModelKind.ROBUST, AnomalySettings.DEFAULTS);
    double[] s = scoresOf(m, v);
    // the change is noticed ...
    assertThat(max(s, 2000, 2100)).isGreaterThan(1.5 * max(s, 1000, 2000));
    // ... and a few days later the noisier series is normal again
    assertThat(max(s, 5000, 6000)).isLessThan(0.6 * max(s, 2000, 2100));
    Score last = m.update(T0 + n * STEP, 100);
    assertThat((last.upper() - last.lower()) / 6).isCloseTo(4.0, within(1.0));
  }

  @Test
  void aSpikeAtTheSameHourEveryNightStopsScoringAfterTwoNights() {
    Random r = new Random(8);
    int perDay = 288;
    AdaptiveBaseline m = new AdaptiveBaseline(ModelKind.ROBUST, AnomalySettings.DEFAULTS);
    double[] nightly = new double[6];
    for (int i = 0; i < 6 * perDay; i++) {
      boolean job = i % perDay == 40; // 03:20 every day
      Score s = m.update(T0 + i * STEP, 10 + 0.5 * r.nextGaussian() + (job ? 30 : 0));
      if (job) {
        nightly[i / perDay] = s.score();
      }
    }
    assertThat(nightly[0]).isGreaterThan(0.2);
    assertThat(nightly[3]).isLessThan(0.05);
    assertThat(nightly[5]).isLessThan(0.05);
  }

  @Test
  void aSpikeAtAnHourWithOnlyYesterdaysSpikeStillScores() {
    Random r = new Random(9);
    int perDay = 288;
    AdaptiveBaseline m = new AdaptiveBaseline(ModelKind.ROBUST, AnomalySettings.DEFAULTS);
    Score today = null;
    for (int i = 0; i < 4 * perDay; i++) {
      boolean spike = i == 2 * perDay + 100 || i == 3 * perDay + 100;
      Score s = m.update(T0 + i * STEP, 10 + 0.5 * r.nextGaussian() + (spike ? 30 : 0));
      if (i == 3 * perDay + 100) {
        today = s;
      }
    }
    assertThat(today.score()).isGreaterThan(0.1);
  }

  @Test
  void aFlatLineThatNeverChangesNeverScores() {
    double[] v = new double[2000];
    java.util.Arrays.fill(v, 45);
    double[] s = scoresOf(new AdaptiveBaseline(ModelKind.AUTO, AnomalySettings.DEFAULTS), v);
    assertThat(max(s, 0, 2000)).isLessThan(0.05);
  }

  @Test
  void aDatapointAtOrBeforeTheLastOneIsScoredButNotLearned() {
    Random r = new Random(9);
    AdaptiveBaseline m = new AdaptiveBaseline(ModelKind.AUTO, AnomalySettings.DEFAULTS);
    int n = 3000;
    for (int i = 0; i < n; i++) {
      m.update(T0 + i * STEP, 50 + 10 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian());
    }
    byte[] before = ModelStateSerde.toBytes(m);
    long last = T0 + (n - 1) * STEP;
    assertThat(m.isLate(last)).isTrue();
    assertThat(m.isLate(last + 1)).isFalse();
    Score repeated = m.update(last, 50);
    Score stepBack = m.update(last - 60 * 60_000L, 500); // a clock set back one hour, with a spike
    Score muchEarlier = m.update(T0 + 10 * STEP, 50);
    assertThat(ModelStateSerde.toBytes(m)).isEqualTo(before);
    assertThat(m.count()).isEqualTo(n);
    assertThat(repeated.training()).isFalse();
    assertThat(repeated.score()).isBetween(0.0, 1.0);
    assertThat(muchEarlier.score()).isBetween(0.0, 1.0);
    assertThat(stepBack.score()).as("a late spike is still reported").isGreaterThan(0.4);
    assertThat(stepBack.outside(500, Score.Direction.ABOVE)).isTrue();
  }

  @Test
  void aLateDatapointScoresWhatTheNextOnTimeDatapointWouldHaveScored() {
    Random r = new Random(10);
    AdaptiveBaseline a = new AdaptiveBaseline(ModelKind.AUTO, AnomalySettings.DEFAULTS);
    int n = 2000;
    double[] v = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      v[i] = 30 + r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      a.update(T0 + i * STEP, v[i]);
    }
    AdaptiveBaseline b = ModelStateSerde.fromBytes(ModelStateSerde.toBytes(a));
    // the same value, once late (at the last timestamp) and once on time: the same verdict within the same hour
    long last = T0 + (n - 1) * STEP;
    Score late = a.update(last, v[n]);
    Score onTime = b.update(last + 1, v[n]);
    assertThat(late.score()).isEqualTo(onTime.score());
    assertThat(late.expected()).isEqualTo(onTime.expected());
  }
}

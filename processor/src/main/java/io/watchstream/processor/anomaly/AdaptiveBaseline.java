package io.watchstream.processor.anomaly;

/**
 * The per-series anomaly model behind anomaly rules (see class docs of the parts):
 * a robust level/scale baseline ({@link LocationScale}), optionally daily and weekly
 * {@link SlotProfile}s with a robust residual baseline each, and a {@link SurpriseScorer} that turns the
 * chosen baseline's standardised prediction error into a score in [0, 1].
 * With {@link ModelKind#AUTO} each datapoint uses whichever baseline has predicted this series better so far.
 */
public final class AdaptiveBaseline implements BaselineModel {

  static final long MINUTE = 60_000L;
  static final long DAY = 24 * 60 * MINUTE;
  static final long WEEK = 7 * DAY;
  static final long SLOT = 5 * MINUTE;

  /** Level memory ≈ 50 datapoints (4 hours at 5 minutes): a level shift is followed within hours. */
  static final double LEVEL_ALPHA = 0.02;
  /** The noise level is learned over about 2,000 datapoints (a week at 5 minutes): a burst of noise stays visible. */
  static final double SCALE_ALPHA = 0.0005;
  /** Residuals are clipped at this many mean absolute deviations before they move level or scale (Huber). */
  static final double CLIP = 3.0;
  /** Weight of the newest value in its seasonal slot: a profile is learned in a few periods. */
  static final double SLOT_ALPHA = 0.3;
  /** Memory of the offset between the seasonal profile and the current level (≈ 20 datapoints). */
  static final double BIAS_ALPHA = 0.05;
  /** AUTO uses a seasonal prediction only when its error is this much smaller than the robust one. */
  static final double SEASONAL_GAIN = 0.8;
  /** Residuals a seasonal profile must have been checked on (a day at 5 minutes) before it is trusted. */
  static final int MIN_RESIDUALS = 288;

  final ModelKind kind;
  final AnomalySettings settings;
  long count;
  long firstMillis;
  long lastMillis;
  double lastValue;
  /** Smallest non-zero step seen between consecutive values: the series' resolution. */
  double quantum = Double.POSITIVE_INFINITY;
  final LocationScale robust = new LocationScale();
  final SlotProfile daily;
  final SlotProfile weekly;
  final LocationScale dailyResidual;
  final LocationScale weeklyResidual;
  final SurpriseScorer surprise = new SurpriseScorer();

  public AdaptiveBaseline(ModelKind kind, AnomalySettings settings) {
    this.kind = kind;
    this.settings = settings;
    boolean seasonal = kind != ModelKind.ROBUST;
    this.daily = seasonal ? new SlotProfile(DAY, SLOT) : null;
    this.weekly = seasonal ? new SlotProfile(WEEK, SLOT) : null;
    this.dailyResidual = seasonal ? new LocationScale() : null;
    this.weeklyResidual = seasonal ? new LocationScale() : null;
  }

  /** The same learned state under new rule settings (sensitivity, training period). */
  public AdaptiveBaseline withSettings(AnomalySettings newSettings) {
    byte[] bytes = ModelStateSerde.toBytes(this);
    AdaptiveBaseline copy = ModelStateSerde.fromBytes(bytes, newSettings);
    return copy;
  }

  public AnomalySettings settings() {
    return settings;
  }

  /** Timestamp of the last datapoint learned. */
  public long lastMillis() {
    return lastMillis;
  }

  @Override
  public ModelKind kind() {
    return kind;
  }

  @Override
  public long count() {
    return count;
  }

  /**
   * {@inheritDoc}
   * A datapoint at or before the last one learned (a repeated timestamp, a re-sent or late datapoint, a clock set
   * back) is scored against the model as it stands but not learned, as the live processor treats late data: the
   * model moves forward in time only, so a re-sent datapoint is not learned twice and an old one does not overwrite
   * the level or the seasonal slot of the present. The series' rows are all scored, in the order they came.
   */
  @Override
  public Score update(long t, double x) {
    if (isLate(t)) {
      return score(t, x, false);
    }
    Score score = count == 0 ? trainingScore(ModelKind.ROBUST) : score(t, x, true);
    learn(t, x);
    return score;
  }

  /** True when {@code t} is at or before the last datapoint learned: {@link #update} scores it without learning. */
  public boolean isLate(long t) {
    return count > 0 && t <= lastMillis;
  }

  private Score trainingScore(ModelKind model) {
    return new Score(0, Double.NaN, Double.NaN, Double.NaN, model, true);
  }

  private Score score(long t, double x, boolean learn) {
    double floor = scaleFloor();
    double expected = robust.level;
    double mad = robust.meanAbsDev;
    ModelKind used = ModelKind.ROBUST;
    Prediction seasonal = seasonalPrediction(t);
    if (seasonal != null && (kind == ModelKind.SEASONAL || seasonal.mad < SEASONAL_GAIN * robust.meanAbsDev)) {
      expected = seasonal.expected;
      mad = seasonal.mad;
      used = ModelKind.SEASONAL;
    }
    // mean absolute deviation → standard deviation for Gaussian noise
    double sigma = Math.max(mad, floor) * 1.2533;
    double z = (x - expected) / sigma;
    int day = (int) Math.floorDiv(t, DAY);
    int hour = (int) (Math.floorMod(t, DAY) / (60 * MINUTE));
    double s = learn ? surprise.update(z, day, hour) : surprise.peek(z, day, hour);
    boolean training = count < settings.minTrainingPeriods();
    if (training) {
      return trainingScore(used);
    }
    double half = settings.sensitivity() * sigma;
    return new Score(s, expected, expected - half, expected + half, used, false);
  }

  private record Prediction(double expected, double mad) {}

  /** The better of the weekly and daily predictions, once a profile has a full period of history. */
  private Prediction seasonalPrediction(long t) {
    if (daily == null || t - firstMillis < DAY) {
      return null;
    }
    Prediction best = null;
    double d = daily.expected(t);
    if (!Double.isNaN(d) && dailyResidual.n >= MIN_RESIDUALS) {
      best = new Prediction(d + dailyResidual.level, dailyResidual.meanAbsDev);
    }
    double w = weekly.expected(t);
    if (!Double.isNaN(w) && weeklyResidual.n >= MIN_RESIDUALS && t - firstMillis >= WEEK && (best == null || weeklyResidual.meanAbsDev < 0.9 * best.mad)) {
      best = new Prediction(w + weeklyResidual.level, weeklyResidual.meanAbsDev);
    }
    return best;
  }

  private double scaleFloor() {
    double q = Double.isInfinite(quantum) ? 0 : quantum;
    return Math.max(Math.max(q, 1e-3 * Math.abs(robust.level)), 1e-9);
  }

  private void learn(long t, double x) {
    if (count == 0) {
      firstMillis = t;
    } else {
      double step = Math.abs(x - lastValue);
      if (step > 0 && step < quantum) {
        quantum = step;
      }
    }
    double floor = scaleFloor();
    robust.update(x, LEVEL_ALPHA, SCALE_ALPHA, CLIP, floor);
    if (daily != null) {
      double d = daily.expected(t);
      if (!Double.isNaN(d)) {
        dailyResidual.update(x - d, BIAS_ALPHA, SCALE_ALPHA, CLIP, floor);
      }
      double w = weekly.expected(t);
      if (!Double.isNaN(w)) {
        weeklyResidual.update(x - w, BIAS_ALPHA, SCALE_ALPHA, CLIP, floor);
      }
      // the profiles learn the de-biased value so that a level shift is carried by the residual's level
      daily.update(t, x - (dailyResidual.initialised() ? dailyResidual.level : 0), SLOT_ALPHA);
      weekly.update(t, x - (weeklyResidual.initialised() ? weeklyResidual.level : 0), SLOT_ALPHA);
    }
    count++;
    lastMillis = t;
    lastValue = x;
  }
}

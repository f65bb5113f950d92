package io.watchstream.processor.eval;

import static io.watchstream.avro.AlarmState.ALARM;
import static io.watchstream.avro.AlarmState.INSUFFICIENT_DATA;
import static io.watchstream.avro.AlarmState.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.processor.rules.Comparison;
import io.watchstream.processor.rules.MetricSelector;
import io.watchstream.processor.rules.Statistic;
import io.watchstream.processor.rules.ThresholdRule;
import io.watchstream.processor.rules.TreatMissingData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {

  static final long T0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
  static final long MIN = 60_000;

  static ThresholdRule rule(Statistic stat, Comparison cmp, double threshold, int m, int n, TreatMissingData treat,
      Duration reminder) {
    return new ThresholdRule("r", null, new MetricSelector("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "*")),
        Duration.ofMinutes(1), stat, cmp, threshold, null, n, m, null, treat, Duration.ofMinutes(1), reminder, null, null, null);
  }

  final SeriesState s = new SeriesState("r", "series");

  List<Emission> feed(ThresholdEvaluator e, long ts, double v) {
    assertThat(e.admit(s, v, "Average", 60, ts, new InputPosition("metrics", 0, ts), ts)).isEqualTo(ThresholdEvaluator.Admission.ACCEPTED);
    return e.advance(s, ts);
  }

  @Test
  void directDatapointDecidesImmediatelyWithoutWaitingForTheWindowToClose() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 3, 3, TreatMissingData.MISSING, null));
    assertThat(feed(e, T0, 10)).singleElement().satisfies(t -> {
      assertThat(t.from()).isEqualTo(INSUFFICIENT_DATA);
      assertThat(t.to()).isEqualTo(OK);
      assertThat(t.windowEnd()).isEqualTo(T0 + MIN);
    });
    assertThat(feed(e, T0 + MIN, 60)).isEmpty();
    assertThat(feed(e, T0 + 2 * MIN, 70)).isEmpty();
    List<Emission> alarm = feed(e, T0 + 3 * MIN, 80);
    assertThat(alarm).singleElement().satisfies(t -> {
      assertThat(t.from()).isEqualTo(OK);
      assertThat(t.to()).isEqualTo(ALARM);
      assertThat(t.transitionTime()).isEqualTo(T0 + 4 * MIN);
      assertThat(t.windowStart()).isEqualTo(T0 + MIN);
      assertThat(t.observedValues()).containsExactly(60.0, 70.0, 80.0);
      assertThat(t.datapointTimestamps()).containsExactly(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN);
      assertThat(t.inputs()).extracting(InputPosition::offset).containsExactly(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN);
      assertThat(t.reason()).startsWith("Threshold Crossed: 3 out of the last 3 datapoints [60.0, 70.0, 80.0]");
    });
  }

  @Test
  void reasonIsThatOfTheEvaluationThatSetTheStateOrOfOneThatHeldATransitionBack() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 2, 3, TreatMissingData.MISSING, null));
    assertThat(s.reason).startsWith("Unchecked");
    feed(e, T0, 10);
    assertThat(s.state).isEqualTo(OK);
    assertThat(s.reason).isEqualTo("Threshold Crossed: 0 out of the last 1 datapoints [10.0] were greater than the threshold"
        + " (50.0) (minimum 2 datapoints for ALARM).");
    feed(e, T0 + MIN, 20);
    assertThat(s.reason).as("a steady state keeps the reason of its transition, as CloudWatch's StateReason does")
        .contains("[10.0]");
    SeriesState fresh = new SeriesState("r", "series");
    ThresholdEvaluator held = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 2, 2, TreatMissingData.MISSING, null));
    held.admit(fresh, 90, "Average", 60, T0, null, T0);
    held.advance(fresh, T0);
    assertThat(fresh.state).isEqualTo(INSUFFICIENT_DATA);
    assertThat(fresh.reason).isEqualTo("Only 1 of 2 datapoints present, all breaching, but too recent to alarm yet; state kept.");
    assertThat(fresh.reasonProvisional).isTrue();
    held.admit(fresh, 95, "Average", 60, T0 + MIN, null, T0 + MIN);
    assertThat(held.advance(fresh, T0 + MIN)).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(ALARM));
    assertThat(fresh.reason).startsWith("Threshold Crossed: 2 out of the last 2 datapoints [90.0, 95.0]");
    assertThat(fresh.reasonProvisional).isFalse();
  }

  @Test
  void deadSeriesGoesToInsufficientDataWhenTheWholeRangeIsMissing() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 1, 1, TreatMissingData.MISSING, null));
    feed(e, T0, 90);
    assertThat(s.state).isEqualTo(ALARM);
    // range is N + 2 = 3 periods; the last real datapoint keeps deciding until it leaves the range
    assertThat(e.advance(s, T0 + 3 * MIN)).isEmpty();
    List<Emission> out = e.advance(s, T0 + 10 * MIN);
    assertThat(out).singleElement().satisfies(t -> {
      assertThat(t.to()).isEqualTo(INSUFFICIENT_DATA);
      assertThat(t.transitionTime()).isEqualTo(T0 + 4 * MIN);
    });
    assertThat(e.advance(s, T0 + 20 * MIN)).isEmpty();
  }

  @Test
  void deadSeriesWithBreachingMissingDataAlarms() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 2, 2, TreatMissingData.BREACHING, null));
    feed(e, T0, 10);
    feed(e, T0 + MIN, 10);
    assertThat(s.state).isEqualTo(OK);
    List<Emission> out = e.advance(s, T0 + 20 * MIN);
    assertThat(out).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(ALARM));
  }

  @Test
  void maximumOfFinerDatapointsAlarmsOnTheFirstBreachingSample() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.MAXIMUM, Comparison.GREATER, 90, 1, 1, TreatMissingData.MISSING, null));
    assertThat(e.applies("Maximum", 10)).isTrue();
    assertThat(e.applies("Average", 10)).isFalse();
    e.admit(s, 20, "Maximum", 10, T0, null, T0);
    assertThat(e.advance(s, T0 + 10_000)).isEmpty();
    e.admit(s, 95, "Maximum", 10, T0 + 20_000, null, T0 + 20_000);
    assertThat(e.advance(s, T0 + 20_000)).singleElement().satisfies(t -> {
      assertThat(t.to()).isEqualTo(ALARM);
      assertThat(t.observedValues()).containsExactly(95.0);
    });
  }

  @Test
  void averageOfFinerDatapointsWaitsForThePeriodToClose() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 1, 1, TreatMissingData.MISSING, null));
    e.admit(s, 100, "Average", 10, T0, null, T0);
    e.admit(s, 20, "Average", 10, T0 + 10_000, null, T0 + 10_000);
    assertThat(e.advance(s, T0 + 50_000)).isEmpty();
    // grace is one period: closed at T0 + 2 min
    assertThat(e.advance(s, T0 + 2 * MIN)).singleElement().satisfies(t -> {
      assertThat(t.to()).isEqualTo(ALARM);
      assertThat(t.observedValues()).containsExactly(60.0);
    });
  }

  @Test
  void percentileAndSampleCountAreComputedFromSamples() {
    PeriodBucket b = new PeriodBucket(0);
    for (int i = 1; i <= 100; i++) {
      b.addSample(i, Statistic.AVERAGE, true, i, null);
    }
    assertThat(b.value(Statistic.parse("p99"))).isEqualTo(99.0);
    assertThat(b.value(Statistic.parse("p50"))).isEqualTo(50.0);
    assertThat(b.value(Statistic.SAMPLE_COUNT)).isEqualTo(100.0);
    assertThat(b.value(Statistic.SUM)).isEqualTo(5050.0);
    assertThat(b.value(Statistic.MINIMUM)).isEqualTo(1.0);
    assertThat(b.value(Statistic.AVERAGE)).isEqualTo(50.5);
  }

  @Test
  void dataBeyondGraceIsLateAndDuplicatesAreIgnored() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 1, 1, TreatMissingData.MISSING, null));
    feed(e, T0 + 5 * MIN, 10);
    assertThat(e.admit(s, 10, "Average", 60, T0 + 5 * MIN, null, T0 + 5 * MIN)).isEqualTo(ThresholdEvaluator.Admission.DUPLICATE);
    assertThat(e.admit(s, 99, "Average", 60, T0 + MIN, null, T0 + 5 * MIN)).isEqualTo(ThresholdEvaluator.Admission.LATE);
    assertThat(s.lateDatapoints).isEqualTo(1);
    assertThat(e.admit(s, 99, "Average", 60, T0 + 4 * MIN, null, T0 + 5 * MIN)).isEqualTo(ThresholdEvaluator.Admission.ACCEPTED);
  }

  @Test
  void remindersRepeatWhileInAlarm() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 1, 1, TreatMissingData.IGNORE, Duration.ofMinutes(5)));
    feed(e, T0, 90);
    assertThat(e.advance(s, T0 + 4 * MIN)).isEmpty();
    assertThat(e.advance(s, T0 + 6 * MIN)).singleElement().satisfies(t -> {
      assertThat(t.reminder()).isTrue();
      assertThat(t.to()).isEqualTo(ALARM);
      assertThat(t.transitionTime()).isEqualTo(T0 + 6 * MIN);
    });
    assertThat(e.advance(s, T0 + 7 * MIN)).isEmpty();
  }

  @Test
  void aGapInEventTimeCostsWorkProportionalToTheRangeNotToTheGap() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 3, 3, TreatMissingData.MISSING, null));
    feed(e, T0, 10);
    long far = java.time.Instant.parse("9999-12-31T23:59:00Z").toEpochMilli();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      List<Emission> out = feed(e, far, 90);
      // one evaluation of the all-missing ranges between, then the ranges that hold the new datapoint
      assertThat(out).hasSizeLessThanOrEqualTo(3);
    });
    assertThat(s.evaluatedThrough).isEqualTo(far + MIN);
    assertThat(s.buckets).hasSize(1);
  }

  @Test
  void aSeriesSilentForAMonthIsEvaluatedOnceAcrossTheGap() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule(Statistic.AVERAGE, Comparison.GREATER, 50, 3, 3, TreatMissingData.BREACHING, null));
    feed(e, T0, 10);
    long month = T0 + 30L * 24 * 60 * MIN;
    List<Emission> out = feed(e, month, 10);
    assertThat(out).extracting(Emission::to).containsExactly(ALARM, OK);
    long firstAllMissing = T0 + (e.rule().evaluationRange() + 1) * MIN; // the first range without the datapoint
    assertThat(out.get(0).transitionTime()).isEqualTo(firstAllMissing);
    assertThat(out.get(1).transitionTime()).isEqualTo(month + MIN);
  }
}

package io.watchstream.processor.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.processor.rules.AnomalyRule;
import io.watchstream.processor.rules.RuleJson;
import org.junit.jupiter.api.Test;

/** Which scored datapoints count as anomalous for a rule: outside the band, in its direction, by enough. */
class AnomalyEvaluatorTest {

  private static AnomalyRule rule(String extra) throws Exception {
    return (AnomalyRule) RuleJson.fromJson("""
        {"id": "a", "kind": "anomaly", "metric": {"namespace": "N", "name": "M"}%s}""".formatted(extra));
  }

  private static AnomalyState.Point point(double value, double expected, double halfBand) {
    return new AnomalyState.Point(value, expected, expected - halfBand, expected + halfBand, 0, null);
  }

  @Test
  void withoutAMinimumAnyDatapointOutsideTheBandCounts() throws Exception {
    AnomalyEvaluator e = new AnomalyEvaluator(rule(""));
    assertThat(e.outside(point(10.3, 10.0, 0.1))).isTrue();
    assertThat(e.outside(point(10.05, 10.0, 0.1))).isFalse();
  }

  @Test
  void aMinimumAbsoluteOrRelativeDeviationKeepsTheNoiseOfAFlatSeriesFromAlarming() throws Exception {
    // a flat series: the band is 0.1 wide, so noise of 0.3 leaves it
    AnomalyEvaluator absolute = new AnomalyEvaluator(rule(", \"minDeviation\": 1"));
    assertThat(absolute.outside(point(10.3, 10.0, 0.1))).isFalse();
    assertThat(absolute.outside(point(11.5, 10.0, 0.1))).isTrue();
    AnomalyEvaluator relative = new AnomalyEvaluator(rule(", \"minRelativeDeviation\": 0.2"));
    assertThat(relative.outside(point(11.5, 10.0, 0.1))).as("15 % off").isFalse();
    assertThat(relative.outside(point(7.5, 10.0, 0.1))).as("25 % off, below").isTrue();
  }

  @Test
  void missingPeriodsAreTreatedAsTheRuleSaysButTrainingPeriodsNeverAlarm() throws Exception {
    long minute = 60_000;
    // 2 of 3: one datapoint outside the band, then a gap
    AnomalyEvaluator missing = new AnomalyEvaluator(rule(", \"datapointsToAlarm\": 2, \"evaluationPeriods\": 3"));
    AnomalyEvaluator breaching = new AnomalyEvaluator(rule(
        ", \"datapointsToAlarm\": 2, \"evaluationPeriods\": 3, \"treatMissingData\": \"breaching\""));
    AnomalyState a = new AnomalyState("a", "s");
    AnomalyState b = new AnomalyState("a", "s");
    missing.admit(a, minute, pointAt(0, 10.0));
    breaching.admit(b, minute, pointAt(0, 10.0));
    missing.admit(a, minute, pointAt(2 * minute, 30.0));
    breaching.admit(b, minute, pointAt(2 * minute, 30.0));
    assertThat(a.state).as("missing: 1 of 2 real datapoints breach").isNotEqualTo(io.watchstream.avro.AlarmState.ALARM);
    assertThat(b.state).as("breaching: the gap counts as a breach").isEqualTo(io.watchstream.avro.AlarmState.ALARM);

    AnomalyState t = new AnomalyState("a", "s");
    breaching.admit(t, minute, new AnomalyState.Point(99, null, null, null, 0, null)); // still training: no band
    assertThat(t.state).isEqualTo(io.watchstream.avro.AlarmState.INSUFFICIENT_DATA);
  }

  private static AnomalyState.Point pointAt(long timestamp, double value) {
    return new AnomalyState.Point(value, 10.0, 9.0, 11.0, timestamp, null);
  }

  @Test
  void aNegativeMinimumIsRefused() throws Exception {
    assertThat(rule(", \"minDeviation\": -1").validate()).extracting(p -> p.field()).containsExactly("minDeviation");
    assertThat(rule(", \"minRelativeDeviation\": -0.5").validate()).extracting(p -> p.field())
        .containsExactly("minRelativeDeviation");
  }
}

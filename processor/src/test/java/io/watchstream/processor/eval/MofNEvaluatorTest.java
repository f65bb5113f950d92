package io.watchstream.processor.eval;

import static io.watchstream.avro.AlarmState.ALARM;
import static io.watchstream.avro.AlarmState.INSUFFICIENT_DATA;
import static io.watchstream.avro.AlarmState.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.Comparison;
import io.watchstream.processor.rules.TreatMissingData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The rows of CloudWatch's "How alarm state is evaluated when data is missing" tables (evaluation range
 * of 5 periods, N = 3), in its notation: X breaching, 0 not breaching, - missing, oldest first.
 * "keep" is "retain current state"; it is checked from both OK and ALARM.
 */
class MofNEvaluatorTest {

  /** 100 breaches "> 50", 10 does not. */
  static List<Double> range(String row) {
    List<Double> out = new ArrayList<>();
    for (String t : row.trim().split("\\s+")) {
      out.add(switch (t) {
        case "X" -> 100.0;
        case "0" -> 10.0;
        default -> null;
      });
    }
    return out;
  }

  static void check(int m, String row, String missing, String ignore, String breaching, String notBreaching) {
    expect(m, row, TreatMissingData.MISSING, missing);
    expect(m, row, TreatMissingData.IGNORE, ignore);
    expect(m, row, TreatMissingData.BREACHING, breaching);
    expect(m, row, TreatMissingData.NOT_BREACHING, notBreaching);
  }

  static void expect(int m, String row, TreatMissingData treat, String expected) {
    MofNEvaluator e = new MofNEvaluator(m, 3, treat, Comparison.GREATER, 50.0);
    for (AlarmState current : new AlarmState[] {OK, ALARM, INSUFFICIENT_DATA}) {
      AlarmState want = "keep".equals(expected) ? current : AlarmState.valueOf(expected);
      assertThat(e.evaluate(range(row), current).state())
          .as("%d of 3, row [%s], %s, from %s", m, row, treat.wireName(), current)
          .isEqualTo(want);
    }
  }

  @ParameterizedTest(name = "3 of 3: {0} -> {1} {2} {3} {4}")
  @CsvSource(delimiter = '|', value = {
      "0 - X - X | OK                | OK   | OK    | OK",
      "0 - - - - | OK                | OK   | OK    | OK",
      "- - - - 0 | OK                | OK   | OK    | OK",
      "- - - - - | INSUFFICIENT_DATA | keep | ALARM | OK",
      "0 X X - X | ALARM             | ALARM| ALARM | ALARM",
      "- - X - - | ALARM             | keep | ALARM | OK",
  })
  void documentedTableThreeOfThree(String row, String missing, String ignore, String breaching, String notBreaching) {
    check(3, row, missing.trim(), ignore.trim(), breaching.trim(), notBreaching.trim());
  }

  @ParameterizedTest(name = "2 of 3: {0} -> {1} {2} {3} {4}")
  @CsvSource(delimiter = '|', value = {
      "0 - X - X | ALARM | ALARM | ALARM | ALARM",
      "0 0 X 0 X | ALARM | ALARM | ALARM | ALARM",
      "0 - X - - | OK    | OK    | ALARM | OK",
      "- - - - 0 | OK    | OK    | ALARM | OK",
      "- - - X - | ALARM | keep  | ALARM | OK",
      "- - X - - | ALARM | keep  | ALARM | OK",
  })
  void documentedTableTwoOfThree(String row, String missing, String ignore, String breaching, String notBreaching) {
    check(2, row, missing.trim(), ignore.trim(), breaching.trim(), notBreaching.trim());
  }

  @Test
  void withEnoughRealDatapointsTheMostRecentNAreUsedAndTreatmentIsIrrelevant() {
    for (TreatMissingData t : TreatMissingData.values()) {
      MofNEvaluator e = new MofNEvaluator(3, 3, t, Comparison.GREATER, 50.0);
      // oldest real point (X) is replaced by newer ones: 0 X X X -> last three X X X
      assertThat(e.evaluate(range("0 X - X X"), OK).state()).isEqualTo(ALARM);
      assertThat(e.evaluate(range("X X - X 0"), OK).state()).isEqualTo(OK);
      assertThat(e.evaluate(range("X 0 X - X"), OK).evaluatedIndexes()).containsExactly(1, 2, 4);
    }
  }

  @ParameterizedTest(name = "3 of 3, missing: {0} does not alarm prematurely")
  @CsvSource({"- - - - X", "- - - X -"})
  void missingDataDoesNotAlarmOnABreachTooRecentToDecide(String row) {
    MofNEvaluator e = new MofNEvaluator(3, 3, TreatMissingData.MISSING, Comparison.GREATER, 50.0);
    assertThat(e.evaluate(range(row), OK).state()).isEqualTo(OK);
    assertThat(e.evaluate(range(row), OK).kept()).isTrue();
    assertThat(e.evaluate(range(row), INSUFFICIENT_DATA).state()).isEqualTo(INSUFFICIENT_DATA);
  }

  @Test
  void mOfNCountsBreachesAnywhereInTheWindowNotOnlyConsecutive() {
    MofNEvaluator e = new MofNEvaluator(2, 5, TreatMissingData.MISSING, Comparison.GREATER_OR_EQUAL, 1.0);
    assertThat(e.evaluate(List.of(1.0, 0.0, 0.0, 0.0, 1.0), OK).state()).isEqualTo(ALARM);
    assertThat(e.evaluate(List.of(0.0, 0.0, 0.0, 0.0, 1.0), ALARM).state()).isEqualTo(OK);
  }

  @Test
  void comparisonsAreStrictOrInclusiveAsWritten() {
    List<Double> atThreshold = List.of(50.0);
    assertThat(new MofNEvaluator(1, 1, TreatMissingData.MISSING, Comparison.GREATER, 50).evaluate(atThreshold, OK).state()).isEqualTo(OK);
    assertThat(new MofNEvaluator(1, 1, TreatMissingData.MISSING, Comparison.GREATER_OR_EQUAL, 50).evaluate(atThreshold, OK).state()).isEqualTo(ALARM);
    assertThat(new MofNEvaluator(1, 1, TreatMissingData.MISSING, Comparison.LESS, 50).evaluate(atThreshold, OK).state()).isEqualTo(OK);
    assertThat(new MofNEvaluator(1, 1, TreatMissingData.MISSING, Comparison.LESS_OR_EQUAL, 50).evaluate(atThreshold, OK).state()).isEqualTo(ALARM);
  }

  @Test
  void aRecoveryThresholdKeepsTheAlarmUntilDatapointsArePastIt() {
    MofNEvaluator e = new MofNEvaluator(1, 1, TreatMissingData.MISSING, Comparison.GREATER, 80.0, 70.0);
    assertThat(e.evaluate(List.of(75.0), OK).state()).as("below the threshold: not an alarm").isEqualTo(OK);
    assertThat(e.evaluate(List.of(85.0), OK).state()).isEqualTo(ALARM);
    assertThat(e.evaluate(List.of(75.0), ALARM).state()).as("in ALARM, above the recovery threshold").isEqualTo(ALARM);
    assertThat(e.evaluate(List.of(70.0), ALARM).state()).as("at the recovery threshold: past it for >").isEqualTo(OK);
    assertThat(e.evaluate(List.of(75.0), ALARM).reason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [75.0]"
        + " were greater than the recovery threshold (70.0) (ALARM stays while 1 do; threshold 80.0).");
    MofNEvaluator below = new MofNEvaluator(2, 3, TreatMissingData.MISSING, Comparison.LESS, 10.0, 20.0);
    assertThat(below.evaluate(List.of(15.0, 15.0, 25.0), ALARM).state()).isEqualTo(ALARM);
    assertThat(below.evaluate(List.of(15.0, 25.0, 25.0), ALARM).state()).isEqualTo(OK);
  }

  @Test
  void reasonReadsLikeCloudWatch() {
    MofNEvaluator e = new MofNEvaluator(2, 3, TreatMissingData.MISSING, Comparison.GREATER, 50.0);
    assertThat(e.evaluate(List.of(91.2, 95.0, 40.0), OK).reason()).isEqualTo(
        "Threshold Crossed: 2 out of the last 3 datapoints [91.2, 95.0, 40.0] were greater than the threshold (50.0) (minimum 2 datapoints for ALARM).");
    assertThat(e.evaluate(range("- - -"), OK).reason()).isEqualTo("Insufficient Data: 3 datapoints were unknown.");
  }
}

package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.eval.AnomalyState;
import org.junit.jupiter.api.Test;

/** What {@code /state} shows for an anomaly rule's series: its state and why, and the band it is judged by. */
class StateQueriesTest {

  @Test
  void anAnomalyRowShowsTheBandOfTheLatestDatapoint() {
    AnomalyState s = new AnomalyState("cpu-anomaly", "AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60");
    s.state = AlarmState.ALARM;
    s.stateSince = 120_000;
    s.reason = "1 of 1 outside the band";
    s.points.put(60_000L, new AnomalyState.Point(40, 41.0, 35.0, 47.0, 60_000, null));
    s.points.put(120_000L, new AnomalyState.Point(90, 42.0, 36.0, 48.0, 120_000, null));

    assertThat(StateQueries.anomalyRow(s))
        .containsEntry("rule", "cpu-anomaly").containsEntry("state", "ALARM").containsEntry("why", "1 of 1 outside the band")
        .containsEntry("lastValue", 90.0).containsEntry("expected", 42.0).containsEntry("lower", 36.0)
        .containsEntry("upper", 48.0).containsEntry("periodsHeld", 2);
  }

  @Test
  void aSeriesStillTrainingHasNoBand() {
    AnomalyState s = new AnomalyState("cpu-anomaly", "series");
    assertThat(StateQueries.anomalyRow(s)).containsEntry("expected", null).containsEntry("upper", null)
        .containsEntry("periodsHeld", 0);
  }
}

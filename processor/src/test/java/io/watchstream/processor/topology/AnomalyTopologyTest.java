package io.watchstream.processor.topology;

import static io.watchstream.processor.topology.TopologyFixture.at;
import static io.watchstream.processor.topology.TopologyFixture.cpuSeries;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.processor.eval.AnomalyState;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyTopologyTest {

  @Test
  void anomalyRuleScoresEveryDatapointAndAlarmsOutsideTheTrainedBand() throws Exception {
    try (TopologyFixture f = new TopologyFixture()) {
      var scores = f.driver.createOutputTopic(f.topics.names().anomalyScores(), f.topics.anomalyScores().keySerde().deserializer(),
          f.topics.anomalyScores().valueSerde().deserializer());
      f.publish("""
          rules:
            - id: cpu-anomaly
              kind: anomaly
              metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
              model: robust
              sensitivity: 3
              direction: above
              evaluationPeriods: 1
              minTrainingPeriods: 30
              severity: warning
          """);
      Random noise = new Random(42);
      for (int minute = 0; minute < 120; minute++) {
        f.cpu("i-1", at(minute), 50 + noise.nextGaussian());
      }
      List<AlertTransition> quiet = f.alertValues();
      assertThat(quiet).extracting(AlertTransition::getToState).containsExactly(AlarmState.OK);
      f.cpu("i-1", at(120), 500);
      List<AlertTransition> alarm = f.alertValues();
      assertThat(alarm).singleElement().satisfies(t -> {
        assertThat(t.getRuleKind()).isEqualTo("anomaly");
        assertThat(t.getFromState()).isEqualTo(AlarmState.OK);
        assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
        assertThat(t.getSeriesKey()).isEqualTo(cpuSeries("i-1"));
        assertThat(t.getObservedValues()).containsExactly(500.0);
        assertThat(t.getUpperBound()).isNotNull().isLessThan(500.0);
        assertThat(t.getExpected()).isBetween(45.0, 55.0);
        assertThat(t.getReason()).startsWith("Anomaly: 1 out of the last 1 datapoints were outside the band (above");
        assertThat(t.getLineage().getInputs()).singleElement().satisfies(i -> assertThat(i.getTopic()).isEqualTo("metrics"));
      });
      List<AnomalyScore> all = scores.readValuesToList();
      assertThat(all).hasSize(121);
      assertThat(all.get(0).getExpected()).as("training: no band yet").isNull();
      assertThat(all.get(120).getScore()).isGreaterThan(all.get(119).getScore());
      org.apache.kafka.streams.state.KeyValueStore<String, AnomalyState> store =
          f.driver.getKeyValueStore(ProcessorTopology.ANOMALY_STATE_STORE);
      assertThat(store.get("cpu-anomaly|" + cpuSeries("i-1")).state).isEqualTo(AlarmState.ALARM);
    }
  }
}

package io.watchstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.PeriodBucket;
import io.watchstream.processor.eval.SeriesState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InstanceStatesSerdeTest {

  static final String INSTANCE = "AWS/EC2/CPUUtilization{InstanceId=i-1,Zone=eu-west-1ä}";

  final InstanceStatesSerde serde = new InstanceStatesSerde();

  static InstanceStates sample() {
    TreeMap<String, String> dims = new TreeMap<>();
    dims.put("InstanceId", "i-1");
    dims.put("Zone", "eu-west-1ä");
    InstanceStates v = new InstanceStates(INSTANCE, dims);
    SeriesState s = new SeriesState("cpu-high", INSTANCE + "/Average/60");
    s.dimensions = dims;
    s.ruleVersion = 7;
    s.periodMs = 60_000;
    s.state = AlarmState.ALARM;
    s.stateSince = 1_764_064_800_000L;
    s.evaluatedThrough = 1_764_064_860_000L;
    s.lastNotified = -1;
    s.reason = "Threshold Crossed: 3 out of the last 3 datapoints [60.0, 70.0, 80.0] were greater than the threshold (50.0)";
    s.lateDatapoints = 3;
    PeriodBucket direct = new PeriodBucket();
    direct.start = 1_764_064_800_000L;
    direct.direct = 80.5;
    direct.decided = true;
    direct.timestamps.add(1_764_064_800_000L);
    direct.inputs.add(new InputPosition("metrics", 3, 123_456_789L));
    PeriodBucket aggregated = new PeriodBucket();
    aggregated.start = 1_764_064_860_000L;
    aggregated.count = 2;
    aggregated.sum = -3.25;
    aggregated.min = -5;
    aggregated.max = 1.75;
    aggregated.samples = new ArrayList<>(List.of(-5.0, 1.75));
    aggregated.timestamps.addAll(List.of(1_764_064_860_000L, 1_764_064_870_000L));
    aggregated.inputs.add(new InputPosition("metrics", 0, 0));
    aggregated.inputs.add(new InputPosition("other", 1, 5));
    aggregated.inputs.add(new InputPosition(null, 2, 6));
    PeriodBucket empty = new PeriodBucket();
    empty.start = -60_000; // before the epoch: negative keys must survive
    s.buckets.put(direct.start, direct);
    s.buckets.put(aggregated.start, aggregated);
    s.buckets.put(empty.start, empty);
    v.states.add(s);
    SeriesState fresh = new SeriesState("cpu-max", INSTANCE + "/Maximum/300");
    fresh.dimensions = dims;
    fresh.reason = null;
    PeriodBucket again = new PeriodBucket();
    again.start = 0;
    again.inputs.add(new InputPosition(null, 0, 1));
    again.inputs.add(new InputPosition("metrics", 0, 2));
    fresh.buckets.put(0L, again);
    v.states.add(fresh);
    SeriesState foreign = new SeriesState("odd", "not/under/the/instance");
    foreign.dimensions = dims;
    v.states.add(foreign);
    return v;
  }

  @Test
  void roundTripsEveryFieldOfEveryState() {
    InstanceStates v = sample();
    byte[] bytes = serde.serializer().serialize("t", v);
    assertThat(bytes[0]).isEqualTo(InstanceStatesSerde.FORMAT);
    InstanceStates back = serde.deserializer().deserialize("t", bytes);
    assertThat(back).usingRecursiveComparison().isEqualTo(v);
    assertThat(back.states.get(0).buckets.get(-60_000L).min).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(back.states.get(0).buckets.get(-60_000L).samples).isNull();
    assertThat(back.states.get(1).dimensions).as("states share the instance's dimensions").isSameAs(back.dimensions);
  }

  @Test
  void isMuchSmallerThanJson() {
    InstanceStates v = sample();
    byte[] json = new JsonSerde<>(InstanceStates.class).serializer().serialize("t", v);
    assertThat(serde.serializer().serialize("t", v).length).isLessThan(json.length / 2);
  }

  @Test
  void neverReadsAValueOfTheEarlierOneStatePerRuleLayout() {
    byte[] json = new JsonSerde<>(SeriesState.class).serializer().serialize("t", new SeriesState("r", "k"));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", json))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format byte " + (int) '{');
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 'r', 2, 'k'}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format byte 1");
  }

  @Test
  void rejectsTruncatedValuesAndPassesNullsThrough() {
    byte[] bytes = serde.serializer().serialize("t", sample());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
        .isInstanceOf(SerializationException.class);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }
}

package io.watchstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.PeriodBucket;
import io.watchstream.processor.eval.SeriesState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SeriesStateSerdeTest {

  final SeriesStateSerde serde = new SeriesStateSerde();

  static SeriesState sample() {
    SeriesState s = new SeriesState("cpu-high", "AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60");
    s.ruleVersion = 7;
    s.periodMs = 60_000;
    s.dimensions.put("InstanceId", "i-1");
    s.dimensions.put("Zone", "eu-west-1ä");
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
    PeriodBucket empty = new PeriodBucket();
    empty.start = -60_000; // before the epoch: negative keys must survive
    s.buckets.put(direct.start, direct);
    s.buckets.put(aggregated.start, aggregated);
    s.buckets.put(empty.start, empty);
    return s;
  }

  @Test
  void roundTripsEveryField() {
    SeriesState s = sample();
    byte[] bytes = serde.serializer().serialize("t", s);
    assertThat(bytes[0]).isEqualTo(SeriesStateSerde.FORMAT_V1);
    SeriesState back = serde.deserializer().deserialize("t", bytes);
    assertThat(back).usingRecursiveComparison().isEqualTo(s);
    assertThat(back.buckets.get(-60_000L).min).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(back.buckets.get(-60_000L).samples).isNull();
  }

  @Test
  void roundTripsAFreshStateWithNulls() {
    SeriesState s = new SeriesState("r", "k");
    s.reason = null;
    SeriesState back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", s));
    assertThat(back).usingRecursiveComparison().isEqualTo(s);
  }

  @Test
  void isMuchSmallerThanJson() {
    SeriesState s = sample();
    byte[] json = new JsonSerde<>(SeriesState.class).serializer().serialize("t", s);
    assertThat(serde.serializer().serialize("t", s).length).isLessThan(json.length / 2);
  }

  @Test
  void readsStatesWrittenByTheEarlierJsonSerde() {
    SeriesState s = sample();
    byte[] json = new JsonSerde<>(SeriesState.class).serializer().serialize("t", s);
    assertThat(serde.deserializer().deserialize("t", json)).usingRecursiveComparison().isEqualTo(s);
  }

  @Test
  void rejectsUnknownFormatsAndTruncatedValues() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 1, 2}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format byte 9");
    byte[] bytes = serde.serializer().serialize("t", sample());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
        .isInstanceOf(SerializationException.class);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }
}

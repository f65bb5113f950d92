package io.watchstream.processor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ModelStateSerdeTest {

  static final long STEP = 5 * 60_000L;

  static AdaptiveBaseline trained(ModelKind kind, int points) {
    Random r = new Random(7);
    AdaptiveBaseline m = new AdaptiveBaseline(kind, AnomalySettings.DEFAULTS);
    for (int i = 0; i < points; i++) {
      m.update(i * STEP, 100 + 30 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian());
    }
    return m;
  }

  @Test
  void robustStateFitsInTwoKilobytes() {
    // two weeks of 5-minute data: size does not grow with history
    assertThat(ModelStateSerde.toBytes(trained(ModelKind.ROBUST, 4032))).hasSizeLessThanOrEqualTo(2048);
    assertThat(ModelStateSerde.toBytes(trained(ModelKind.ROBUST, 10))).hasSameSizeAs(ModelStateSerde.toBytes(trained(ModelKind.ROBUST, 4032)));
  }

  @Test
  void weeklySeasonalStateAtFiveMinuteResolutionFitsInSixteenKilobytes() {
    assertThat(ModelStateSerde.toBytes(trained(ModelKind.SEASONAL, 3 * 2016))).hasSizeLessThanOrEqualTo(16 * 1024);
    assertThat(ModelStateSerde.toBytes(trained(ModelKind.AUTO, 3 * 2016))).hasSizeLessThanOrEqualTo(16 * 1024);
  }

  @ParameterizedTest
  @EnumSource(ModelKind.class)
  void aRestoredModelScoresExactlyLikeTheOriginal(ModelKind kind) {
    AdaptiveBaseline original = trained(kind, 3000);
    AdaptiveBaseline restored = ModelStateSerde.fromBytes(ModelStateSerde.toBytes(original));
    assertThat(restored.count()).isEqualTo(3000);
    Random r = new Random(9);
    for (int i = 3000; i < 3500; i++) {
      double v = 100 + 30 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() + (i == 3200 ? 50 : 0);
      assertThat(restored.update(i * STEP, v)).isEqualTo(original.update(i * STEP, v));
    }
    assertThat(ModelStateSerde.toBytes(restored)).isEqualTo(ModelStateSerde.toBytes(original));
  }

  @Test
  void corruptStateIsASerializationException() {
    byte[] bytes = ModelStateSerde.toBytes(trained(ModelKind.ROBUST, 100));
    assertThatThrownBy(() -> ModelStateSerde.fromBytes(Arrays.copyOf(bytes, 20))).isInstanceOf(SerializationException.class);
    bytes[0] = 99;
    assertThatThrownBy(() -> ModelStateSerde.fromBytes(bytes)).isInstanceOf(SerializationException.class)
        .hasMessageContaining("format");
  }

  @Test
  void theKafkaSerdeRoundTripsAndPassesNullThrough() {
    var serde = new ModelStateSerde();
    AdaptiveBaseline m = trained(ModelKind.AUTO, 500);
    byte[] bytes = serde.serializer().serialize("t", m);
    assertThat(ModelStateSerde.toBytes(serde.deserializer().deserialize("t", bytes))).isEqualTo(bytes);
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }
}

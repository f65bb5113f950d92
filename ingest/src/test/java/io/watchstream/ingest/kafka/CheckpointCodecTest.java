package io.watchstream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.ingest.logs.LogCheckpoint;
import io.watchstream.ingest.metrics.SeriesWatermark;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

  @Test
  void watermarkSurvivesTheRoundTripIncludingRecentValues() {
    TreeMap<Long, Double> recent = new TreeMap<>(Map.of(1_700_000_040_000L, 12.5, 1_700_000_100_000L, 0.0));
    SeriesWatermark w = new SeriesWatermark(1_700_000_040_000L, 1_700_000_160_000L, recent);

    SeriesWatermark back = CheckpointCodec.watermark(CheckpointCodec.encode(w));

    assertThat(back).isEqualTo(w);
    assertThat(back.recentView()).containsEntry(1_700_000_040_000L, 12.5);
  }

  @Test
  void logCheckpointSurvivesTheRoundTrip() {
    LogCheckpoint cp = new LogCheckpoint(1_700_000_000_123L, Map.of("3827", 1_700_000_000_123L));
    assertThat(CheckpointCodec.logCheckpoint(CheckpointCodec.encode(cp))).isEqualTo(cp);
  }

  @Test
  void valuesAreReadableJson() {
    String json = new String(CheckpointCodec.encode(new LogCheckpoint(5, Map.of("a", 5L))), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"watermarkMillis\":5,\"seenIds\":{\"a\":5}}");
    assertThat(CheckpointCodec.metricKey("AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60"))
        .isEqualTo("metric|AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60");
  }
}

package io.watchstream.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

  @Test
  void startTimesAreAlignedDownToThePeriod() {
    Instant t = Instant.parse("2026-11-25T10:07:43.250Z");
    assertThat(TimeWindow.alignDown(t, 60)).isEqualTo(Instant.parse("2026-11-25T10:07:00Z"));
    assertThat(TimeWindow.alignDown(t, 300)).isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
    assertThat(TimeWindow.alignDown(t, 10)).isEqualTo(Instant.parse("2026-11-25T10:07:40Z"));
  }

  @Test
  void shortRangeIsOneAlignedWindowEndingBeforeTheCurrentPeriod() {
    var chunks = TimeWindow.chunks(Instant.parse("2026-11-25T10:00:30Z"), Instant.parse("2026-11-25T10:10:59Z"),
        60, 500, Duration.ofDays(1));
    assertThat(chunks).containsExactly(
        new TimeWindow(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:10:00Z")));
  }

  @Test
  void longRangeIsCutSoEachCallStaysUnderTheDatapointLimit() {
    // 500 queries x 201 periods = 100,500 <= 100,800 datapoints per call.
    var chunks = TimeWindow.chunks(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"),
        60, 500, Duration.ofDays(1));
    assertThat(chunks.get(0).end()).isEqualTo(Instant.parse("2026-11-25T03:21:00Z"));
    assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).start()).isEqualTo(chunks.get(i - 1).end());
    }
    assertThat(chunks).hasSize(8);
  }

  @Test
  void chunkLengthIsAlsoCappedByConfiguration() {
    var chunks = TimeWindow.chunks(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-25T03:00:00Z"),
        60, 10, Duration.ofHours(1));
    assertThat(chunks).hasSize(3);
  }

  @Test
  void nothingToReadWithinTheCurrentPeriod() {
    assertThat(TimeWindow.chunks(Instant.parse("2026-11-25T10:00:05Z"), Instant.parse("2026-11-25T10:00:50Z"),
        60, 1, Duration.ofDays(1))).isEmpty();
  }
}

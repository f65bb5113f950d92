package io.watchstream.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesWatermarkTest {

  private static final Duration OVERLAP = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private static long min(int m) {
    return T0.plusSeconds(60L * m).toEpochMilli();
  }

  private static TimeWindow window(int fromMinute, int toMinute) {
    return new TimeWindow(Instant.ofEpochMilli(min(fromMinute)), Instant.ofEpochMilli(min(toMinute)));
  }

  private static SeriesWatermark fresh() {
    return SeriesWatermark.initial(T0.plusSeconds(600), Duration.ofMinutes(10), 60);
  }

  @Test
  void firstReadEmitsEverything() {
    var u = fresh().apply(window(0, 10), List.of(new Point(min(1), 10), new Point(min(2), 20)), OVERLAP, 60);
    assertThat(u.emit()).extracting(Point::value).containsExactly(10.0, 20.0);
    assertThat(u.next().polledThroughMillis()).isEqualTo(min(10));
    assertThat(u.next().floorMillis()).isEqualTo(min(5));
  }

  @Test
  void rereadingTheOverlapDoesNotEmitTheSameValueTwice() {
    SeriesWatermark w = fresh().apply(window(0, 10), List.of(new Point(min(7), 70), new Point(min(8), 80)), OVERLAP, 60).next();
    Instant start = w.nextStart(OVERLAP, 60);
    assertThat(start).isEqualTo(Instant.ofEpochMilli(min(5)));

    var u = w.apply(window(5, 11), List.of(new Point(min(7), 70), new Point(min(8), 80), new Point(min(10), 100)), OVERLAP, 60);
    assertThat(u.emit()).containsExactly(new Point(min(10), 100));
  }

  @Test
  void changedValueInTheOverlapIsEmittedAgain() {
    SeriesWatermark w = fresh().apply(window(0, 10), List.of(new Point(min(9), 1)), OVERLAP, 60).next();
    var u = w.apply(window(5, 11), List.of(new Point(min(9), 3)), OVERLAP, 60);
    assertThat(u.emit()).containsExactly(new Point(min(9), 3));
    assertThat(u.next().recentView()).containsEntry(min(9), 3.0);
  }

  @Test
  void lateDatapointWithinTheOverlapIsNotLost() {
    SeriesWatermark w = fresh().apply(window(0, 10), List.of(new Point(min(8), 80)), OVERLAP, 60).next();
    // Minute 6 arrived in CloudWatch after the first poll read it.
    var u = w.apply(window(5, 11), List.of(new Point(min(6), 60), new Point(min(8), 80)), OVERLAP, 60);
    assertThat(u.emit()).containsExactly(new Point(min(6), 60));
  }

  @Test
  void datapointsBelowTheFloorAreIgnoredWhenAWiderWindowIsRead() {
    SeriesWatermark w = fresh().apply(window(0, 10), List.of(new Point(min(2), 20)), OVERLAP, 60).next();
    // Another series in the same call was behind, so the call started at minute 0.
    var u = w.apply(window(0, 11), List.of(new Point(min(2), 20), new Point(min(3), 30)), OVERLAP, 60);
    assertThat(u.emit()).isEmpty();
  }

  @Test
  void pointsOutsideTheWindowEndAreNotEmitted() {
    var u = fresh().apply(window(0, 10), List.of(new Point(min(10), 1)), OVERLAP, 60);
    assertThat(u.emit()).isEmpty();
  }

  @Test
  void recentValuesBelowTheNewFloorAreForgotten() {
    SeriesWatermark w = fresh().apply(window(0, 10), List.of(new Point(min(1), 1), new Point(min(9), 9)), OVERLAP, 60).next();
    assertThat(w.recentView()).containsOnlyKeys(min(9));
  }

  @Test
  void afterAnOutageTheNextPollStartsBeforeTheGap() {
    SeriesWatermark w = fresh().apply(window(0, 10), List.of(), OVERLAP, 60).next();
    // Nothing committed for 30 minutes: the next start is still just the overlap before minute 10.
    assertThat(w.nextStart(OVERLAP, 60)).isEqualTo(Instant.ofEpochMilli(min(5)));
    var u = w.apply(window(5, 40), List.of(new Point(min(20), 2), new Point(min(35), 3)), OVERLAP, 60);
    assertThat(u.emit()).hasSize(2);
    assertThat(u.next().polledThroughMillis()).isEqualTo(min(40));
  }

  @Test
  void unchangedStateIsReportedAsUnchanged() {
    SeriesWatermark w = fresh().apply(window(0, 10), List.of(new Point(min(9), 9)), OVERLAP, 60).next();
    var same = w.apply(window(5, 10), List.of(new Point(min(9), 9)), OVERLAP, 60);
    assertThat(same.changed(w)).isFalse();
  }
}

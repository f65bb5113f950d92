package io.watchstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BoundedTimestampExtractorTest {

  static final long WALL = 1_800_000_000_000L;
  final BoundedTimestampExtractor extractor = new BoundedTimestampExtractor(() -> WALL);

  static ConsumerRecord<Object, Object> at(long ts) {
    return new ConsumerRecord<>("metrics", 0, 0, ts, TimestampType.CREATE_TIME, 0, 0, null, null, new RecordHeaders(),
        java.util.Optional.empty());
  }

  @Test
  void aRecordAtOrBeforeTheWallClockKeepsItsTimestamp() {
    assertThat(extractor.extract(at(WALL - 60_000), WALL - 120_000)).isEqualTo(WALL - 60_000);
    assertThat(extractor.extract(at(WALL), -1)).isEqualTo(WALL);
  }

  @Test
  void aRecordAheadOfTheWallClockDoesNotMoveItsPartitionsTime() {
    assertThat(extractor.extract(at(WALL + 90 * 60_000L), WALL - 120_000)).isEqualTo(WALL - 120_000);
    assertThat(extractor.extract(at(253_402_300_799_000L), WALL - 120_000)).isEqualTo(WALL - 120_000);
  }

  @Test
  void aPartitionsFirstRecordAheadOrUnstampedGetsTheWallClock() {
    assertThat(extractor.extract(at(WALL + 1), -1)).isEqualTo(WALL);
    // the default extractor fails the task on a negative timestamp; a record without one is just set in time
    assertThat(extractor.extract(at(-1), -1)).isEqualTo(WALL);
    assertThat(extractor.extract(at(-1), WALL - 5)).isEqualTo(WALL - 5);
  }
}

package io.watchstream.replay.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NabTimestampsTest {

  @Test
  void thePlainShapeParsesAsTheCalendarSays() {
    Random r = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      long seconds = r.nextLong(-2_000_000_000L, 4_000_000_000L);
      LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
      if (t.getYear() < 1000 || t.getYear() > 9999) {
        continue;
      }
      assertThat(NabTimestamps.parseMillis(NabTimestamps.format(seconds * 1000))).isEqualTo(seconds * 1000);
    }
    assertThat(NabTimestamps.parseMillis("2016-02-29 23:59:59")).isEqualTo(1456790399000L);
  }

  @Test
  void otherShapesStillParse() {
    assertThat(NabTimestamps.parseMillis("2014-02-14T14:30:00")).isEqualTo(NabTimestamps.parseMillis("2014-02-14 14:30:00"));
    assertThat(NabTimestamps.parseMillis("2014-02-14 14:30")).isEqualTo(NabTimestamps.parseMillis("2014-02-14 14:30:00"));
    assertThat(NabTimestamps.parseMillis("2014-02-14 14:30:00.250")).isEqualTo(NabTimestamps.parseMillis("2014-02-14 14:30:00") + 250);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2014-13-01 00:00:00", "2014-01-01 00:60:00",
      "2014-01-01 00:00:60", "2014-0a-01 00:00:00", "2014/01/01 00:00:00", "yesterday"})
  void invalidTimestampsAreRejected(String text) {
    assertThatThrownBy(() -> NabTimestamps.parseMillis(text)).isInstanceOf(DateTimeParseException.class);
  }
}

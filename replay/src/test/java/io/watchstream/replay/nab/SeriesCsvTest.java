package io.watchstream.replay.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesCsvTest {

  @TempDir Path dir;

  Path write(String text) throws Exception {
    Path f = dir.resolve("s.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsRowsInOrderKeepingTheOriginalText() throws Exception {
    var s = SeriesCsv.read(write("timestamp,value\n2014-02-14 14:30:00,0.132\n2014-02-14 14:35:00,20\n"));
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.rawTimestamps()).containsExactly("2014-02-14 14:30:00", "2014-02-14 14:35:00");
    assertThat(s.rawValues()).containsExactly("0.132", "20");
    assertThat(s.timestamps()[1] - s.timestamps()[0]).isEqualTo(300_000L);
    assertThat(s.values()).containsExactly(0.132, 20.0);
    assertThat(NabTimestamps.format(s.timestamps()[0])).isEqualTo("2014-02-14 14:30:00");
  }

  @Test
  void aBadValueNamesFileAndLine() throws Exception {
    Path f = write("timestamp,value\n2014-02-14 14:30:00,1\n2014-02-14 14:35:00,abc\n");
    assertThatThrownBy(() -> SeriesCsv.read(f)).isInstanceOf(MalformedSeriesException.class)
        .hasMessageContaining(f + ":3").hasMessageContaining("abc");
  }

  @Test
  void aBadTimestampOrMissingCommaOrWrongHeaderIsRejected() throws Exception {
    Path bad = write("timestamp,value\nyesterday,1\n");
    assertThatThrownBy(() -> SeriesCsv.read(bad)).hasMessageContaining(":2").hasMessageContaining("timestamp");
    Path noComma = write("timestamp,value\n2014-02-14 14:30:00 1\n");
    assertThatThrownBy(() -> SeriesCsv.read(noComma)).hasMessageContaining(":2");
    Path header = write("time,v\n2014-02-14 14:30:00,1\n");
    assertThatThrownBy(() -> SeriesCsv.read(header)).hasMessageContaining(":1").hasMessageContaining("header");
  }

  @Test
  void repeatedAndEarlierTimestampsAreKeptInFileOrder() throws Exception {
    Path f = write("timestamp,value\n2014-02-14 14:35:00,1\n2014-02-14 14:35:00,2\n2014-02-14 14:30:00,3\n"
        + "2014-02-14 14:40:00,4\n");
    var s = SeriesCsv.read(f);
    assertThat(s.rawTimestamps()).containsExactly("2014-02-14 14:35:00", "2014-02-14 14:35:00", "2014-02-14 14:30:00",
        "2014-02-14 14:40:00");
    assertThat(s.values()).containsExactly(1, 2, 3, 4);
  }
}

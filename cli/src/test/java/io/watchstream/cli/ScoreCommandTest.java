package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

  @TempDir Path dir;

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private int run(String... args) {
    var cli = Watchstream.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void repeatedOutOfOrderAndClockSetBackRowsAreEachScoredInInputOrder() throws Exception {
    LocalDateTime t0 = LocalDateTime.of(2024, 10, 26, 0, 0);
    Random r = new Random(3);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(t0.plusMinutes(5L * i).format(TS) + "," + (10 + r.nextGaussian()));
      if (i == 200) {
        rows.add(t0.plusMinutes(5L * i).format(TS) + ",10.5"); // re-sent with a new value
      }
      if (i == 300) {
        rows.add(t0.plusMinutes(5L * 250).format(TS) + ",11"); // a straggler 50 rows late
      }
      if (i == 400) {
        for (int k = 11; k >= 0; k--) { // the clock set back one hour: the last hour is sent again
          rows.add(t0.plusMinutes(5L * (i - k)).format(TS) + "," + (10 + r.nextGaussian()));
        }
      }
    }
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "timestamp,value\n" + String.join("\n", rows) + "\n");
    Path out = dir.resolve("out.csv");

    assertThat(run("score", "--input", in.toString(), "--output", out.toString())).isZero();

    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score");
    assertThat(lines).hasSize(rows.size() + 1);
    for (int i = 0; i < rows.size(); i++) {
      String[] cols = lines.get(i + 1).split(",");
      assertThat(cols[0] + "," + cols[1]).as("row %d in input order", i).isEqualTo(rows.get(i));
      assertThat(Double.parseDouble(cols[2])).isBetween(0.0, 1.0);
    }
  }
}

package io.watchstream.replay.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Reads a NAB-format series: a {@code timestamp,value} header, then one datapoint per line with
 * ascending timestamps. Anything else fails with a {@link MalformedSeriesException} naming file and line,
 * because scoring a silently truncated series would give a wrong benchmark number.
 */
public final class SeriesCsv {

  /** Timestamps and values of one file, row order preserved; {@code rawTimestamps} keeps the text as written. */
  public record Series(String[] rawTimestamps, String[] rawValues, long[] timestamps, double[] values) {
    public int size() {
      return timestamps.length;
    }
  }

  private SeriesCsv() {}

  public static Series read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new MalformedSeriesException(file, 1, "empty file, expected header 'timestamp,value'");
      }
      String[] cols = header.replace("\uFEFF", "").trim().split(",");
      if (cols.length < 2 || !cols[0].trim().equals("timestamp") || !cols[1].trim().equals("value")) {
        throw new MalformedSeriesException(file, 1, "expected header 'timestamp,value' but found '" + header + "'");
      }
      String[] raw = new String[4096];
      String[] rawValues = new String[4096];
      long[] ts = new long[4096];
      double[] vs = new double[4096];
      int n = 0;
      long lineNo = 1;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int comma = line.indexOf(',');
        if (comma < 0) {
          throw new MalformedSeriesException(file, lineNo, "expected 'timestamp,value' but found '" + line + "'");
        }
        String tsText = line.substring(0, comma).trim();
        String valueText = line.substring(comma + 1).trim();
        long t;
        double v;
        try {
          t = NabTimestamps.parseMillis(tsText);
        } catch (DateTimeParseException e) {
          throw new MalformedSeriesException(file, lineNo, "bad timestamp '" + tsText + "' (expected yyyy-MM-dd HH:mm:ss)");
        }
        try {
          v = Double.parseDouble(valueText);
        } catch (NumberFormatException e) {
          throw new MalformedSeriesException(file, lineNo, "bad value '" + valueText + "' (expected a number)");
        }
        if (!Double.isFinite(v)) {
          throw new MalformedSeriesException(file, lineNo, "value is not finite: '" + valueText + "'");
        }
        if (n > 0 && t < ts[n - 1]) {
          throw new MalformedSeriesException(file, lineNo, "timestamp " + tsText + " is earlier than the previous row");
        }
        if (n == ts.length) {
          raw = Arrays.copyOf(raw, n * 2);
          rawValues = Arrays.copyOf(rawValues, n * 2);
          ts = Arrays.copyOf(ts, n * 2);
          vs = Arrays.copyOf(vs, n * 2);
        }
        raw[n] = tsText;
        rawValues[n] = valueText;
        ts[n] = t;
        vs[n] = v;
        n++;
      }
      return new Series(Arrays.copyOf(raw, n), Arrays.copyOf(rawValues, n), Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}

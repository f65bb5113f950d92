package io.watchstream.replay.nab;

import io.watchstream.schemas.EventTimeLimits;
import io.watchstream.schemas.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Reads a NAB-format series: a {@code timestamp,value} header, then one datapoint per line with timestamps
 * ({@link NabTimestamps}, UTC, within {@link EventTimeLimits}) and finite values. Rows stay in file order: a repeated
 * or earlier timestamp (a re-sent datapoint, a clock set back) is kept where it is, and the model treats it as late
 * data (see {@code AdaptiveBaseline#update}); UTF-8, a
 * byte-order mark and CRLF line ends are read as if absent, blank lines are skipped. Anything else (an empty or
 * header-only file, a last line cut short, a byte that is not UTF-8) fails with a {@link MalformedSeriesException}
 * naming file and line, because scoring a silently truncated series would give a wrong benchmark number.
 */
public final class SeriesCsv {

  /** Timestamps and values of one file, row order preserved; {@code rawTimestamps} keeps the text as written. */
  public record Series(String[] rawTimestamps, String[] rawValues, long[] timestamps, double[] values) {
    public int size() {
      return timestamps.length;
    }
  }

  private SeriesCsv() {}

  /** Accepted timestamp forms, for messages. */
  static final String TIMESTAMP_FORMS = "a UTC time yyyy-MM-dd HH:mm:ss (a 'T' for the space, no seconds,"
      + " a fraction .SSS or a trailing Z are read too; epoch numbers are not)";

  public static Series read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new MalformedSeriesException(file, 1, "empty file, expected header 'timestamp,value'");
      }
      String[] cols = TextFiles.withoutByteOrderMark(header).trim().split(",");
      if (cols.length < 2 || !cols[0].trim().equals("timestamp") || !cols[1].trim().equals("value")) {
        throw new MalformedSeriesException(file, 1, "expected header 'timestamp,value' but found '" + header + "'");
      }
      String[] raw = new String[4096];
      String[] rawValues = new String[4096];
      long[] ts = new long[4096];
      double[] vs = new double[4096];
      int n = 0;
      long lineNo = 1;
      String line = in.readLine();
      while (line != null) {
        lineNo++;
        String next = in.readLine();
        if (line.isBlank()) {
          line = next;
          continue;
        }
        String tsText;
        String valueText;
        long t;
        double v;
        try {
          int comma = line.indexOf(',');
          if (comma < 0) {
            throw new MalformedSeriesException(file, lineNo, "expected 'timestamp,value' but found '" + line + "'");
          }
          tsText = line.substring(0, comma).trim();
          valueText = line.substring(comma + 1).trim();
          t = timestamp(file, lineNo, tsText);
          v = value(file, lineNo, valueText);
        } catch (MalformedSeriesException e) {
          // a last line that does not parse because the file stops inside it: say so, not what the row lacks
          if (next == null && TextFiles.endsMidLine(file)) {
            throw new MalformedSeriesException(file, lineNo, "the file ends in the middle of this line (cut short, or"
                + " still being written?); expected a complete row 'timestamp,value'");
          }
          throw e;
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
        line = next;
      }
      if (n == 0) {
        throw new MalformedSeriesException(file, 1, "only a header, no datapoints; expected rows 'timestamp,value' after it");
      }
      return new Series(Arrays.copyOf(raw, n), Arrays.copyOf(rawValues, n), Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    } catch (CharacterCodingException e) {
      TextFiles.Position at = TextFiles.firstNotUtf8(file);
      throw at == null
          ? new MalformedSeriesException(file, 0, "not UTF-8 text (a binary or compressed file?)")
          : new MalformedSeriesException(file, at.line(), at.column(), TextFiles.notUtf8(at));
    } catch (NoSuchFileException e) {
      throw new MalformedSeriesException(file, 0, "no such file");
    } catch (IOException e) {
      throw new MalformedSeriesException(file, 0, "cannot read: " + e.getMessage());
    }
  }

  private static long timestamp(Path file, long line, String text) {
    long t;
    try {
      t = NabTimestamps.parseMillis(text);
    } catch (DateTimeParseException e) {
      throw new MalformedSeriesException(file, line, "bad timestamp '" + text + "'; expected " + TIMESTAMP_FORMS);
    }
    String refused = EventTimeLimits.problem(t);
    if (refused != null) {
      throw new MalformedSeriesException(file, line, "timestamp '" + text + "' " + refused);
    }
    return t;
  }

  private static double value(Path file, long line, String text) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new MalformedSeriesException(file, line, text.isEmpty()
          ? "the value is empty; expected a finite number" : "bad value '" + text + "'; expected a finite number");
    }
    if (!Double.isFinite(v)) {
      throw new MalformedSeriesException(file, line, "value '" + text + "' is not a finite number (NaN, Infinity, or"
          + " beyond ±1.8e308, the range of a double); expected a finite number");
    }
    return v;
  }
}

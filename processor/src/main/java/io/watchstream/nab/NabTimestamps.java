package io.watchstream.nab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Parses and formats NAB timestamps: {@code 2014-02-14 14:30:00} with optional fraction, always UTC. */
public final class NabTimestamps {

  private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private static final DateTimeFormatter PRINTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private NabTimestamps() {}

  /** @throws java.time.format.DateTimeParseException when the text is not a NAB timestamp */
  public static long parseMillis(String text) {
    return LocalDateTime.parse(text.trim(), PARSER).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  public static String format(long epochMillis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC).format(PRINTER);
  }
}

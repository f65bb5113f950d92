package io.watchstream.replay.nab;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Parses and formats NAB timestamps: {@code 2014-02-14 14:30:00} with optional fraction and Z, always UTC. */
public final class NabTimestamps {

  private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendPattern("['Z']") // the time is UTC either way; ISO exports write the Z
      .toFormatter();

  private static final DateTimeFormatter PRINTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private NabTimestamps() {}

  /**
   * Epoch milliseconds of a NAB timestamp ({@code yyyy-MM-dd HH:mm[:ss][.fraction]}, a {@code T} or a space between date
   * and time); saturated at the ends of a {@code long} for years too far out to fit, so callers must check the range.
   *
   * @throws java.time.format.DateTimeParseException when the text is not a NAB timestamp
   */
  public static long parseMillis(String text) {
    String t = text.trim();
    long fast = parsePlain(t);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    return saturatedMillis(LocalDateTime.parse(t, PARSER).toInstant(ZoneOffset.UTC));
  }

  /**
   * Epoch milliseconds, or {@code Long.MIN_VALUE}/{@code MAX_VALUE} for an instant beyond them (the parser reads years
   * up to 999999999): the caller's range check then refuses it, where {@code toEpochMilli} would throw.
   */
  private static long saturatedMillis(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException beyondLong) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The common shape {@code yyyy-MM-dd HH:mm:ss} without the formatter (replay reads millions of rows; the
   * formatter costs about a microsecond each), or MIN_VALUE for any other shape or an invalid field, which
   * then goes to the formatter for parsing or its error message.
   */
  private static long parsePlain(String t) {
    if (t.length() != 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != ' ' || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return Long.MIN_VALUE;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
  }

  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public static String format(long epochMillis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC).format(PRINTER);
  }
}

package io.watchstream.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every config and rule file: a bare number of seconds ({@code 60}), a number with a
 * unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} in any case ({@code 250ms}, {@code 5M}, {@code 2H}),
 * or ISO-8601 in any case ({@code PT5M}, {@code pt1h30m}). It is the union of what the ingest, notifier and rule
 * parsers accepted before they became this one, so no file that loaded before is refused now.
 */
public final class Durations {

  private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SECONDS = Pattern.compile("\\d+");
  /** A token longer than this is cut in messages: a misplaced secret must not end up whole in a log. */
  private static final int ECHO_LIMIT = 32;

  private Durations() {}

  /** The duration {@code text} spells; {@link IllegalArgumentException} naming at most the token otherwise. */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a duration is required (use e.g. 60, 90s, 5m, 2h, 7d or PT5M)");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (SECONDS.matcher(t).matches()) {
        return Duration.ofSeconds(Long.parseLong(t));
      }
      Matcher m = NUMBER_AND_UNIT.matcher(t);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + cut(text.trim()) + "' is not a duration (use e.g. 60, 90s, 5m, 2h, 7d or PT5M)");
    }
  }

  /** The shortest exact spelling that {@link #parse} reads back ({@code 5m}, {@code 1500ms}, {@code 0s}). */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms != 0 && ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms != 0 && ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }

  /** A Jackson module so config records can declare {@link Duration} fields in this grammar. */
  public static Module jacksonModule() {
    return new SimpleModule("watchstream-durations").addDeserializer(Duration.class, new Deserializer());
  }

  private static String cut(String token) {
    return token.length() <= ECHO_LIMIT ? token : token.substring(0, ECHO_LIMIT) + "...";
  }

  /** Integers are seconds; strings go through {@link #parse}; anything else is a wrong type. */
  static final class Deserializer extends StdScalarDeserializer<Duration> {
    Deserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return Duration.ofSeconds(p.getLongValue());
      }
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      String text = p.getText();
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
      }
    }
  }
}

package io.watchstream.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * The term form of a CloudWatch Logs filter pattern, as ingest (re-checking what CloudWatch filtered, for stand-ins
 * that do only part of it) and the processor (log rules) both read it: terms and "quoted phrases" that must all
 * occur, case-sensitive; {@code ?term}s of which at least one must occur; {@code -term}s that must not. A backslash
 * in a quoted phrase takes the next character as it is. No terms at all matches every message.
 */
public record FilterTerms(List<String> required, List<String> anyOf, List<String> excluded) {

  public static final FilterTerms MATCH_ALL = new FilterTerms(List.of(), List.of(), List.of());

  public FilterTerms {
    required = List.copyOf(required);
    anyOf = List.copyOf(anyOf);
    excluded = List.copyOf(excluded);
  }

  /** Parses {@code text} (null or blank: {@link #MATCH_ALL}); an unterminated quoted phrase is an IllegalArgumentException. */
  public static FilterTerms parse(String text) {
    String t = text == null ? "" : text.strip();
    List<String> required = new ArrayList<>();
    List<String> anyOf = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    int i = 0;
    int n = t.length();
    while (i < n) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      List<String> target = required;
      if ((c == '?' || c == '-') && i + 1 < n && !Character.isWhitespace(t.charAt(i + 1))) {
        target = c == '?' ? anyOf : excluded;
        i++;
        c = t.charAt(i);
      }
      StringBuilder term = new StringBuilder();
      if (c == '"') {
        i = phrase(t, i + 1, term);
      } else {
        while (i < n && !Character.isWhitespace(t.charAt(i))) {
          term.append(t.charAt(i++));
        }
      }
      if (!term.isEmpty()) {
        target.add(term.toString());
      }
    }
    return new FilterTerms(required, anyOf, excluded);
  }

  /** Reads a quoted phrase starting after its opening quote into {@code term}; returns the index after the closing one. */
  private static int phrase(String t, int start, StringBuilder term) {
    int i = start;
    while (i < t.length()) {
      char d = t.charAt(i++);
      if (d == '\\' && i < t.length()) {
        term.append(t.charAt(i++));
      } else if (d == '"') {
        return i;
      } else {
        term.append(d);
      }
    }
    throw new IllegalArgumentException("unterminated quoted phrase in filter pattern");
  }

  /** Whether {@code message} (null reads as empty) has every required term, no excluded one and one of the ?-terms. */
  public boolean matches(String message) {
    String s = message == null ? "" : message;
    for (String r : required) {
      if (!s.contains(r)) {
        return false;
      }
    }
    for (String x : excluded) {
      if (s.contains(x)) {
        return false;
      }
    }
    if (anyOf.isEmpty()) {
      return true;
    }
    for (String a : anyOf) {
      if (s.contains(a)) {
        return true;
      }
    }
    return false;
  }
}

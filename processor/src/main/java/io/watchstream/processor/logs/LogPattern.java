package io.watchstream.processor.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.watchstream.schemas.FilterTerms;
import java.util.ArrayList;
import java.util.List;

/**
 * Which log lines a rule counts. Syntax follows CloudWatch Logs filter patterns where it reasonably can:
 * <ul>
 *   <li>empty: every line;
 *   <li>terms and "quoted phrases": all must occur (case-sensitive); {@code ?term} — at least one of the
 *       ?-terms must occur; {@code -term} — must not occur;
 *   <li>{@code %regex%} or {@code /regex/}: a regex in Java's syntax found anywhere in the line, matched in
 *       linear time by {@link UserRegex} (no backreferences or lookaround);
 *   <li>{@code { $.level = "ERROR" && $.latency > 500 }}: conditions on a JSON message ({@code =, !=, <,
 *       >, <=, >=}, {@code *} wildcards in strings, {@code IS NULL/TRUE/FALSE}, {@code NOT EXISTS});
 *   <li>{@code [ip, user, ..., status = 5*, bytes > 1000]}: space-delimited fields by position, with an
 *       optional {@code ...} standing for any number of fields.
 * </ul>
 * Matching runs in time linear in the line for every kind: regexes through {@link UserRegex}, the
 * {@code *} wildcards of JSON and space-delimited values through {@link io.watchstream.schemas.Glob}.
 * It never throws on any line, except {@link UserRegex.MatchFailedException} (a RuntimeException) should a
 * regex match fail on one line, which the caller dead-letters; no Error escapes.
 */
public sealed interface LogPattern {

  boolean test(LogLine line);

  /** Whether the line matches. */
  default boolean matches(LogLine line) {
    return test(line);
  }

  default boolean matches(String message) {
    return matches(new LogLine(message));
  }

  static LogPattern parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return new MatchAll();
    }
    if (t.length() > 4096) {
      throw new IllegalArgumentException("filter pattern longer than 4096 characters");
    }
    if (t.startsWith("{")) {
      if (!t.endsWith("}")) {
        throw new IllegalArgumentException("JSON filter pattern must end with '}'");
      }
      return new JsonFilter(ExprParser.parse(t.substring(1, t.length() - 1)));
    }
    if (t.startsWith("[")) {
      if (!t.endsWith("]")) {
        throw new IllegalArgumentException("space-delimited filter pattern must end with ']'");
      }
      return Delimited.parse(t.substring(1, t.length() - 1));
    }
    if (t.length() >= 2 && ((t.startsWith("%") && t.endsWith("%")) || (t.startsWith("/") && t.endsWith("/")))) {
      return new Regex(UserRegex.compile(t.substring(1, t.length() - 1)));
    }
    return new Terms(FilterTerms.parse(t));
  }

  record MatchAll() implements LogPattern {
    public boolean test(LogLine line) {
      return true;
    }
  }

  record Regex(UserRegex regex) implements LogPattern {
    public boolean test(LogLine line) {
      return regex.find(line.text());
    }
  }

  /** Terms and quoted phrases, read by {@link FilterTerms}: the same parser ingest re-checks CloudWatch's filtering with. */
  record Terms(FilterTerms terms) implements LogPattern {
    public boolean test(LogLine line) {
      return terms.matches(line.text());
    }
  }

  record JsonFilter(Expr condition) implements LogPattern {
    public boolean test(LogLine line) {
      JsonNode json = line.json();
      return json != null && condition.eval(selector -> JsonSelectors.select(json, selector));
    }
  }

  /** Fields by position; {@code ellipsis} is the index of {@code ...} in {@code names}, or -1. */
  record Delimited(List<String> names, int ellipsis, List<Expr> conditions) implements LogPattern {

    public boolean test(LogLine line) {
      List<String> fields = line.fields();
      int named = ellipsis < 0 ? names.size() : names.size() - 1;
      if (ellipsis < 0 ? fields.size() != named : fields.size() < named) {
        return false;
      }
      java.util.Map<String, String> bound = new java.util.HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        if (i == ellipsis) {
          continue;
        }
        int index = ellipsis < 0 || i < ellipsis ? i : fields.size() - (names.size() - i);
        bound.put(names.get(i), fields.get(index));
      }
      for (Expr c : conditions) {
        if (!c.eval(name -> bound.containsKey(name) ? TextNode.valueOf(bound.get(name)) : null)) {
          return false;
        }
      }
      return true;
    }

    static Delimited parse(String body) {
      List<String> names = new ArrayList<>();
      List<Expr> conditions = new ArrayList<>();
      int ellipsis = -1;
      for (String element : splitTopLevel(body)) {
        String e = element.strip();
        if (e.isEmpty()) {
          throw new IllegalArgumentException("empty field in space-delimited filter pattern");
        }
        if ("...".equals(e)) {
          if (ellipsis >= 0) {
            throw new IllegalArgumentException("only one '...' is allowed in a space-delimited filter pattern");
          }
          ellipsis = names.size();
          names.add("...");
          continue;
        }
        int end = 0;
        while (end < e.length() && (Character.isLetterOrDigit(e.charAt(end)) || e.charAt(end) == '_' || e.charAt(end) == '-' || e.charAt(end) == '$')) {
          end++;
        }
        String name = e.substring(0, end);
        if (name.isEmpty()) {
          throw new IllegalArgumentException("space-delimited field must start with a name: '" + e + "'");
        }
        if (names.contains(name)) {
          throw new IllegalArgumentException("field '" + name + "' named twice");
        }
        names.add(name);
        if (end < e.length()) {
          conditions.add(ExprParser.parse(e));
        }
      }
      if (names.isEmpty()) {
        throw new IllegalArgumentException("space-delimited filter pattern names no fields");
      }
      return new Delimited(List.copyOf(names), ellipsis, List.copyOf(conditions));
    }

    /** Splits on commas that are outside quotes and parentheses. */
    private static List<String> splitTopLevel(String s) {
      List<String> out = new ArrayList<>();
      int depth = 0;
      boolean quoted = false;
      int start = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && quoted) {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && c == '(') {
          depth++;
        } else if (!quoted && c == ')') {
          depth--;
        } else if (!quoted && depth == 0 && c == ',') {
          out.add(s.substring(start, i));
          start = i + 1;
        }
      }
      out.add(s.substring(start));
      return out;
    }
  }
}

package io.watchstream.processor.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Pulls one value out of a log line for new-term rules: {@code $.user.name} from a JSON message,
 * {@code $3} for the third space-delimited field, or a regex whose first group (or whole match) is the
 * value, matched in linear time by {@link UserRegex}. Returns null when the line has no such value; a regex
 * that fails on one line throws {@link UserRegex.MatchFailedException} (a RuntimeException), never an Error.
 */
public sealed interface FieldExtractor {

  String extract(LogLine line);

  static FieldExtractor parse(String spec) {
    String s = spec.strip();
    if (s.matches("\\$\\d{1,4}")) {
      int position = Integer.parseInt(s.substring(1));
      if (position < 1) {
        throw new IllegalArgumentException("field positions start at $1");
      }
      return new Position(position);
    }
    if (s.startsWith("$.") || s.startsWith("$[")) {
      return new Json(s);
    }
    String regex = s.length() >= 2 && ((s.startsWith("/") && s.endsWith("/")) || (s.startsWith("%") && s.endsWith("%")))
        ? s.substring(1, s.length() - 1) : s;
    return new RegexGroup(UserRegex.compile(regex));
  }

  record Position(int position) implements FieldExtractor {
    public String extract(LogLine line) {
      List<String> f = line.fields();
      return position <= f.size() ? f.get(position - 1) : null;
    }
  }

  record Json(String selector) implements FieldExtractor {
    public String extract(LogLine line) {
      JsonNode json = line.json();
      JsonNode n = json == null ? null : JsonSelectors.select(json, selector);
      return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
  }

  record RegexGroup(UserRegex regex) implements FieldExtractor {
    public String extract(LogLine line) {
      return regex.extract(line.text());
    }
  }
}

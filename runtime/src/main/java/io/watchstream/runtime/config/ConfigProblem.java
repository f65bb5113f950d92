package io.watchstream.runtime.config;

import java.util.Objects;

/**
 * One located configuration problem. {@code source} is the file (or {@code env WATCHSTREAM_...} when the value came
 * from an environment override); {@code line} and {@code column} are 1-based, 0 when unknown (a default, an
 * override); {@code field} is the config path, empty for the file as a whole. Never carries the offending value.
 */
public record ConfigProblem(String source, int line, int column, String field, String problem) {

  public ConfigProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  /** {@code file:line:col: field: problem}, leaving out what is unknown. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(source);
    if (line > 0) {
      s.append(':').append(line);
      if (column > 0) {
        s.append(':').append(column);
      }
    }
    s.append(": ");
    if (!field.isEmpty()) {
      s.append(field).append(": ");
    }
    return s.append(problem).toString();
  }
}

package io.watchstream.runtime.config;

import java.util.Objects;

/**
 * What a service's validator says about one field of its config: {@code path} in the form
 * {@code kafka.topics.metrics} or {@code metrics.selectors[2].period} (empty for the file as a whole), and the
 * problem in words. {@link YamlConfig} turns it into a {@link ConfigProblem} located in the file.
 */
public record FieldProblem(String path, String problem) {

  public FieldProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
  }

  /** A problem of the whole configuration rather than of one field. */
  public static FieldProblem ofFile(String problem) {
    return new FieldProblem("", problem);
  }
}

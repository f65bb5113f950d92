package io.watchstream.processor.rules;

import io.watchstream.runtime.config.ConfigProblem;
import java.util.List;

/**
 * A rule file that cannot be used: every problem found, each located {@code file:line:col: field.path: problem}
 * like a service config's ({@link ConfigProblem}), so {@code rules validate} and start-up can point at every mistake
 * at once. The message is the first problem. Callers exit with code {@link #EXIT_CODE}.
 */
public final class RuleFileException extends Exception {

  public static final int EXIT_CODE = 2;

  private final List<ConfigProblem> problems;

  public RuleFileException(List<ConfigProblem> problems) {
    super(problems.isEmpty() ? "invalid rule file" : problems.get(0).toString());
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a RuleFileException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public String file() {
    return problems.get(0).source();
  }

  /** The first problem's line, 1-based; 0 when unknown. */
  public int line() {
    return problems.get(0).line();
  }

  /** The first problem's field path ({@code rules[2].threshold}); empty for the file as a whole. */
  public String field() {
    return problems.get(0).field();
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  /** Every problem found, each formatted like the message. */
  public List<String> allProblems() {
    return problems.stream().map(ConfigProblem::toString).toList();
  }
}

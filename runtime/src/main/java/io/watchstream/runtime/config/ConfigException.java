package io.watchstream.runtime.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. The message has one line per problem ({@code file:line:col: field: problem}),
 * so one edit can fix them all; services refuse to start with exit code {@link #EXIT_CODE}.
 */
public final class ConfigException extends RuntimeException {

  /** The process exit code of a service that stops on a bad configuration. */
  public static final int EXIT_CODE = 2;

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    this(problems, null);
  }

  public ConfigException(List<ConfigProblem> problems, Throwable cause) {
    super(message(problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** One problem without a location, e.g. a file that cannot be read. */
  public static ConfigException of(String source, String problem, Throwable cause) {
    return new ConfigException(List.of(new ConfigProblem(source, 0, 0, "", problem)), cause);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String message(List<ConfigProblem> problems) {
    return "invalid configuration:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}

package io.watchstream.processor.rules;

import java.util.List;

/**
 * A rule file that cannot be used. Names the file, the line (1-based; 0 when unknown) and the field, so
 * {@code rules validate} and start-up can point at the mistake. Callers exit with code {@link #EXIT_CODE}.
 */
public final class RuleFileException extends Exception {

  public static final int EXIT_CODE = 2;

  private final String file;
  private final int line;
  private final String field;
  private final List<String> allProblems;

  public RuleFileException(String file, int line, String field, String message, List<String> allProblems) {
    super(format(file, line, field, message));
    this.file = file;
    this.line = line;
    this.field = field;
    this.allProblems = List.copyOf(allProblems);
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }

  /** Every problem found, each formatted like the message: {@code file:line: field: message}. */
  public List<String> allProblems() {
    return allProblems;
  }

  static String format(String file, int line, String field, String message) {
    return file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
  }
}

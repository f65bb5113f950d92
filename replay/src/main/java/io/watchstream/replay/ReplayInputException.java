package io.watchstream.replay;

/**
 * Input that a replay cannot use: an unreadable or malformed file (the message names file and line), an
 * empty time range, an unreachable broker or CloudWatch endpoint. The command prints the message and exits with
 * {@link #EXIT_CODE}; rule-file problems use {@code RuleFileException} and exit 2 instead.
 */
public final class ReplayInputException extends RuntimeException {

  public static final int EXIT_CODE = 1;

  public ReplayInputException(String message) {
    super(message);
  }

  public ReplayInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code file:line: problem}, the shape compilers use, so editors can jump to it. */
  public static ReplayInputException at(Object file, long line, String problem) {
    return new ReplayInputException(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }
}

package io.watchstream.schemas;

import java.nio.file.Path;

/**
 * A JSON line that does not fit its contract, or a file of them that cannot be read. The message has the shape
 * compilers use, {@code file:line: field: problem} (or {@code file:line:col: problem} where the column is known), so editors can jump to it; the line is 0 when the problem is
 * the file itself.
 */
public final class ContractLineException extends RuntimeException {

  private final transient Path file;
  private final long line;

  public ContractLineException(Path file, long line, String problem) {
    this(file, line, 0, problem);
  }

  /** With the column (from 1) where the problem is, when it is known; 0 leaves it out. */
  public ContractLineException(Path file, long line, int column, String problem) {
    super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public long line() {
    return line;
  }
}

package io.watchstream.schemas;

import java.nio.file.Path;

/**
 * A JSON line that does not fit its contract, or a file of them that cannot be read. The message has the shape
 * compilers use, {@code file:line: field: problem}, so editors can jump to it; the line is 0 when the problem is
 * the file itself.
 */
public final class ContractLineException extends RuntimeException {

  private final transient Path file;
  private final long line;

  public ContractLineException(Path file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
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

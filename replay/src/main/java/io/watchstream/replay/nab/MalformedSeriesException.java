package io.watchstream.replay.nab;

import java.nio.file.Path;

/** A series or label file that cannot be read; the message names the file and, where known, the line (and column). */
public final class MalformedSeriesException extends RuntimeException {
  public MalformedSeriesException(Path file, long line, String problem) {
    this(file, line, 0, problem);
  }

  public MalformedSeriesException(Path file, long line, int column, String problem) {
    super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem);
  }
}

package io.watchstream.replay.nab;

import java.nio.file.Path;

/** A series or label file that cannot be read; the message names the file and, where known, the line. */
public final class MalformedSeriesException extends RuntimeException {
  public MalformedSeriesException(Path file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }
}

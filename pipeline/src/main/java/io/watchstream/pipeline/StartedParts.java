package io.watchstream.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiConsumer;

/**
 * Everything started so far, newest on top. {@link #close()} closes the parts newest first, each one even if another
 * failed (the failure goes to the reporter), so an interrupted start-up leaves nothing running either. Thread-safe:
 * parts started on a helper thread may be pushed while the main thread starts others.
 */
public final class StartedParts implements AutoCloseable {

  private record Named(String name, AutoCloseable part) {}

  private final Deque<Named> started = new ArrayDeque<>();
  private final BiConsumer<String, Exception> closeFailed;
  private boolean closed;

  /** @param closeFailed told the part's name and the exception when closing one part fails */
  public StartedParts(BiConsumer<String, Exception> closeFailed) {
    this.closeFailed = closeFailed;
  }

  /** Remembers {@code part} for closing and returns it; a part pushed after {@link #close()} is closed at once. */
  public <T extends AutoCloseable> T push(String name, T part) {
    boolean late;
    synchronized (this) {
      late = closed;
      if (!late) {
        started.push(new Named(name, part));
      }
    }
    if (late) {
      closeQuietly(new Named(name, part));
    }
    return part;
  }

  /** Closes every part, newest first; idempotent. */
  @Override
  public void close() {
    while (true) {
      Named next;
      synchronized (this) {
        closed = true;
        next = started.poll();
      }
      if (next == null) {
        return;
      }
      closeQuietly(next);
    }
  }

  private void closeQuietly(Named part) {
    try {
      part.part().close();
    } catch (Exception e) {
      closeFailed.accept(part.name(), e);
    }
  }
}

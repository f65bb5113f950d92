package io.watchstream.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creates temporary directories under the system temp dir and deletes them recursively.
 * Each directory is also registered with {@link ProcessReaper} so it is removed at JVM exit when a test
 * forgets (or fails before) closing its owner.
 */
public final class TempDirs {

  private TempDirs() {
  }

  /** Creates a fresh directory named {@code watchstream-<prefix>-<random>} that is deleted at JVM exit. */
  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory("watchstream-" + prefix + "-");
      ProcessReaper.deleteAtExit(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temp dir for " + prefix, e);
    }
  }

  /** Deletes a directory tree; missing paths are ignored, files that vanish meanwhile too. */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // A file still held open (e.g. a child process writing) must not stop the rest of the clean-up.
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a concurrent delete may make the walk fail.
    }
  }
}

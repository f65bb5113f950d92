package io.watchstream.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared NAB data, {@code shared/data/nab} beside the checkout, from wherever the tests run:
 * a module of the main checkout, of a git worktree further down, or of CI's clone. Walks up from the working
 * directory to the first directory that holds it; {@code -Dnab.dir} names it explicitly instead.
 */
public final class SharedData {

  private SharedData() {}

  public static Optional<Path> nab() {
    String explicit = System.getProperty("nab.dir");
    if (explicit != null) {
      return Optional.of(Path.of(explicit)).filter(Files::isDirectory);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path nab = dir.resolve("shared").resolve("data").resolve("nab");
      if (Files.isDirectory(nab)) {
        return Optional.of(nab);
      }
    }
    return Optional.empty();
  }
}

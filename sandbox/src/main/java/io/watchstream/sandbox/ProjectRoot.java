package io.watchstream.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the watchstream project root: the system property {@code watchstream.projectRoot} (set by failsafe),
 * else the nearest directory at or above the working directory that contains {@code mvnw}.
 */
final class ProjectRoot {

  static final String PROPERTY = "watchstream.projectRoot";

  private ProjectRoot() {
  }

  static Path find() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured, "mvnw"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("sandbox"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("Cannot find the watchstream project root (a directory with mvnw and sandbox/)"
        + " above " + Path.of("").toAbsolutePath() + "; set -D" + PROPERTY + "=/path/to/watchstream");
  }
}

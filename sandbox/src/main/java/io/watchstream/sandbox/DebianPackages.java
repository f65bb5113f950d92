package io.watchstream.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Installs a Debian package with apt-get when one of its programs is missing from the PATH, so that a test or the
 * bench needs no setup step beyond {@code ./mvnw verify} (the CI machine is a fresh Debian with apt sources but
 * without these packages). Recommended packages are left out ({@code prometheus} would pull in the node exporter),
 * and the package lists are refreshed only when the first attempt fails: on a machine whose lists are fresh that
 * saves the half minute {@code apt-get update} takes.
 *
 * <p>When apt-get cannot install (not root, no network), the exception says which command to run; callers never
 * skip silently.
 */
public final class DebianPackages {

  private static final long APT_TIMEOUT_MINUTES = 10;
  private static final long LOCK_TIMEOUT_SECONDS = 300;

  private DebianPackages() {
  }

  /** Makes sure {@code programs} are on the PATH, installing {@code debianPackage} if one is not. */
  public static synchronized void ensureInstalled(String debianPackage, String... programs) {
    ensureInstalledOn(System.getenv("PATH"), debianPackage, programs);
  }

  /** Like {@link #ensureInstalled(String, String...)} with a given PATH to search. */
  static void ensureInstalledOn(String searchPath, String debianPackage, String... programs) {
    if (allOnPath(searchPath, programs)) {
      return;
    }
    String hint = "sudo apt-get install -y " + debianPackage;
    if (!onPath(searchPath, "apt-get").isPresent()) {
      throw new IllegalStateException(String.join(", ", programs) + " not found on the PATH and apt-get is not available;"
          + " install the Debian package " + debianPackage + " (" + hint + ")");
    }
    long began = System.nanoTime();
    System.out.println("[sandbox] installing the Debian package " + debianPackage + " with apt-get");
    String output = apt(List.of("install", "-y", "-q", "--no-install-recommends", debianPackage));
    if (!allOnPath(searchPath, programs)) {
      // The package lists may be missing (fresh image) or stale (the version they name is gone from the mirror).
      output = apt(List.of("update", "-q")) + apt(List.of("install", "-y", "-q", "--no-install-recommends", debianPackage));
    }
    if (!allOnPath(searchPath, programs)) {
      throw new IllegalStateException(String.join(", ", programs) + " still missing after apt-get install " + debianPackage
          + " (run as root, or: " + hint + "); apt-get said:\n" + tail(output));
    }
    System.out.printf(Locale.ROOT, "[sandbox] installed %s in %.1f s%n", debianPackage, (System.nanoTime() - began) / 1e9);
  }

  private static String apt(List<String> arguments) {
    // Another JVM (a parallel build, another worktree) may be installing at the same moment: wait for its dpkg lock.
    List<String> command = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=" + LOCK_TIMEOUT_SECONDS));
    command.addAll(arguments);
    try {
      Path log = Files.createTempFile("watchstream-apt-", ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(APT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          ProcessReaper.kill(process.toHandle(), 5_000);
          return String.join(" ", command) + " did not finish within " + APT_TIMEOUT_MINUTES + " minutes\n";
        }
        return Files.readString(log, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return String.join(" ", command) + " could not run: " + e.getMessage() + "\n";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    }
  }

  private static boolean allOnPath(String searchPath, String... programs) {
    for (String program : programs) {
      if (onPath(searchPath, program).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The program's path on {@code searchPath}, if it is there and executable. */
  static Optional<Path> onPath(String searchPath, String program) {
    if (searchPath == null) {
      return Optional.empty();
    }
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}

package io.watchstream.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker ({@code promtool}, from the same Debian package as {@link PrometheusServer}): {@code check
 * rules}, {@code check config} and {@code test rules} judge files exactly as the server that loads them would.
 */
public final class Promtool {

  /** Exit code and combined output of one run. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private Promtool() {
  }

  /** Runs {@code promtool ARGS} in {@code workDir} (relative paths in the files resolve there), installing it if missing. */
  public static Result run(Path workDir, String... arguments) {
    PrometheusServer.ensureInstalled();
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    try {
      Path log = Files.createTempFile("watchstream-promtool-", ".log");
      try {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          ProcessReaper.kill(process.toHandle(), 1_000);
          throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    }
  }
}

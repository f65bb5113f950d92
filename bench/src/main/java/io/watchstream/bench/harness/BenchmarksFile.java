package io.watchstream.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Appends one run's results to {@code BENCHMARKS.md}: date, machine, the exact command, then the table. Earlier
 * runs stay in the file, so figures can be compared across commits and machines.
 */
public final class BenchmarksFile {

  private final Path file;

  public BenchmarksFile(Path file) {
    this.file = file;
  }

  public void append(String command, Machine machine, String gitCommit, ResultTable table) {
    StringBuilder out = new StringBuilder();
    out.append("\n## Run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
    out.append("- machine: ").append(machine.describe()).append('\n');
    out.append("- commit: ").append(gitCommit).append('\n');
    out.append("- command: `").append(command).append("`\n\n");
    out.append(table.markdown());
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, "# Benchmarks\n", StandardCharsets.UTF_8);
      }
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }
}

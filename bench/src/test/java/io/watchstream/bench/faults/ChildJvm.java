package io.watchstream.bench.faults;

import io.watchstream.sandbox.ProcessReaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A service main class run in its own JVM with the test classpath, so it can be killed with SIGKILL. */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(Class<?> main, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    ProcessReaper.register(process);
    return new ChildJvm(process, log);
  }

  /** Waits until the child printed {@code line} (checked in its log), or fails. */
  void awaitLine(String line, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("child exited with " + process.exitValue() + "; log " + log);
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("child did not print " + line + " within " + timeout + "; log " + log);
  }

  /** SIGKILL: no shutdown hook, no flush, no commit. */
  void killNine() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    ProcessReaper.unregister(process);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    ProcessReaper.unregister(process);
  }
}

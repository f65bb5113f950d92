package io.watchstream.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A child process started by the sandbox: output goes to a log file, the process is registered with
 * {@link ProcessReaper} (killed by PID at JVM exit) and can be waited on until an HTTP URL answers 2xx.
 */
final class ChildProcess {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * {@code setsid} where the machine has it: the child gets its own session, so a Ctrl-C at the terminal reaches only
   * the JVM, whose shutdown stops the services before the parts they use (moto_server must outlive ingest). The
   * child keeps its PID (setsid execs the command), so the reaper still finds it.
   */
  private static final List<String> OWN_SESSION = Files.isExecutable(Path.of("/usr/bin/setsid"))
      ? List.of("/usr/bin/setsid") : List.of();

  static ChildProcess start(String name, List<String> command, Path logFile, java.util.Map<String, String> env) {
    List<String> full = new java.util.ArrayList<>(OWN_SESSION);
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      ProcessReaper.register(process, logFile.getParent());
      return new ChildProcess(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path logFile() {
    return logFile;
  }

  /** Polls {@code url} until it answers 2xx; fails early with the log tail if the process exits. */
  void awaitHttpOk(URI url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitValue()
            + " before " + url + " answered; last output:\n" + logTail());
      }
      try {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
    stop();
    throw new IllegalStateException(name + " did not answer " + url + " within " + timeout + "; last output:\n" + logTail());
  }

  /** Stops the process and its descendants by PID (SIGTERM, SIGKILL after 5 s). */
  void stop() {
    ProcessReaper.kill(process.toHandle(), 5_000);
    ProcessReaper.unregister(process);
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no output in " + logFile + ")";
    }
  }
}

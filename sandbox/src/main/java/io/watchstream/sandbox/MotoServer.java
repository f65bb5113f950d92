package io.watchstream.sandbox;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code moto_server} (the AWS API emulator) on a free loopback port, for CloudWatch, CloudWatch Logs,
 * SNS and Auto Scaling tests through the AWS SDK: point a client at {@link #endpoint()} with any static
 * credentials and region {@code us-east-1}.
 *
 * <p>Uses {@code moto_server} from the PATH, else {@code python3 -m moto.server}. When neither is installed,
 * {@link #start()} throws with the install command; tests never skip silently. {@link #stop()} and
 * {@link #startAgain()} take the endpoint down and bring it back on the same port (state is lost), for
 * outage tests. The child is killed by PID on {@link #close()} and at JVM exit.
 */
public final class MotoServer implements AutoCloseable {

  /** How to get moto when it is missing; part of the exception message. */
  public static final String INSTALL_HINT = "pip install \"moto[server]\"";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final Path workDir;
  private final List<String> launcher;
  private ChildProcess process;
  private boolean closed;

  private MotoServer(int port, Path workDir, List<String> launcher) {
    this.port = port;
    this.workDir = workDir;
    this.launcher = launcher;
  }

  /** Starts moto on a free port; throws {@link IllegalStateException} with {@link #INSTALL_HINT} if moto is missing. */
  public static MotoServer start() {
    return start(0);
  }

  /** Starts moto on the given port (0 for a free one), e.g. a fixed port for a local mode. */
  public static MotoServer start(int port) {
    return start(port, System.getenv("PATH"));
  }

  /** Like {@link #start(int)} with a given PATH to search (tests prove the missing-moto message with it). */
  static MotoServer start(int port, String searchPath) {
    List<String> launcher = findLauncher(searchPath).orElseThrow(() -> new IllegalStateException(
        "moto_server is not installed (neither `moto_server` nor `python3 -m moto.server` works). "
            + "The AWS integration tests need it: " + INSTALL_HINT));
    MotoServer moto = new MotoServer(port == 0 ? FreePorts.pick() : port, TempDirs.create("moto"), launcher);
    ProcessReaper.closeAtExit(moto);
    long began = System.nanoTime();
    moto.launch();
    System.out.printf(Locale.ROOT, "[sandbox] moto_server up at %s in %.1f s (pid %d)%n",
        moto.endpoint(), (System.nanoTime() - began) / 1e9, moto.process.pid());
    return moto;
  }

  /** {@code http://127.0.0.1:PORT}, for {@code endpointOverride} of every AWS SDK client. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** moto's combined stdout/stderr (one line per request). */
  public Path logFile() {
    return workDir.resolve("moto.log");
  }

  /** The region tests should use; moto keeps state per region. */
  public String region() {
    return "us-east-1";
  }

  /** Empties all emulated AWS state (POST /moto-api/reset). */
  public void reset() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed at " + endpoint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during moto reset", e);
    }
  }

  /** Moto's whole state as JSON (GET /moto-api/data.json), e.g. to read SNS {@code sent_notifications}. */
  public String stateJson() {
    try {
      return HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("Could not read moto state at " + endpoint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading moto state", e);
    }
  }

  /** Kills moto: the endpoint refuses connections until {@link #startAgain()}. */
  public synchronized void stop() {
    if (process != null) {
      process.stop();
      process = null;
      System.out.println("[sandbox] moto_server stopped at " + endpoint());
    }
  }

  /** Starts moto again on the same port after {@link #stop()}, with empty state. */
  public synchronized void startAgain() {
    if (closed) {
      throw new IllegalStateException("moto_server was closed");
    }
    if (process == null) {
      launch();
      System.out.println("[sandbox] moto_server up again at " + endpoint());
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills moto by PID and deletes its temp dir. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (process != null) {
      process.stop();
      process = null;
    }
    TempDirs.deleteRecursively(workDir);
    ProcessReaper.forget(this);
  }

  private void launch() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!FreePorts.isFree(port) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", e);
      }
    }
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of("-H", "127.0.0.1", "-p", String.valueOf(port)));
    process = ChildProcess.start("moto_server", command, logFile(),
        // Unbuffered, so the log file shows why moto died if it does.
        Map.of("PYTHONUNBUFFERED", "1"));
    try {
      process.awaitHttpOk(endpoint().resolve("/moto-api/data.json"), Duration.ofSeconds(60));
    } catch (IllegalStateException e) {
      process.stop();
      process = null;
      // A pyenv shim can exist on the PATH while moto itself is not installed for the active Python.
      throw new IllegalStateException("moto_server (" + String.join(" ", command) + ") did not start; if moto is"
          + " not installed: " + INSTALL_HINT + ". " + e.getMessage(), e);
    }
  }

  private static Optional<List<String>> findLauncher(String searchPath) {
    Optional<Path> motoServer = onPath(searchPath, "moto_server");
    if (motoServer.isPresent()) {
      return Optional.of(List.of(motoServer.get().toString()));
    }
    Optional<Path> python = onPath(searchPath, "python3");
    if (python.isPresent() && succeeds(List.of(python.get().toString(), "-c", "import moto.server"))) {
      return Optional.of(List.of(python.get().toString(), "-m", "moto.server"));
    }
    return Optional.empty();
  }

  private static Optional<Path> onPath(String path, String executable) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean succeeds(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

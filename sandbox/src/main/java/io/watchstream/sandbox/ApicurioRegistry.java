package io.watchstream.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry 2.4.2.Final running as a child JVM on a free loopback port; its
 * Confluent-compatible API ({@link #ccompatUrl()}) is what the watchstream serde talks to.
 *
 * <p>The registry is built from Maven Central by the wrapper project in {@code sandbox/apicurio/} the first
 * time it is needed (about a minute with an empty Maven cache, seconds when cached); a file lock keeps two
 * JVMs from building it at once. The child is killed by PID on {@link #close()} and, should a test never get
 * there, at JVM exit.
 *
 * <p>Storage: by default H2 in memory, so {@link #restart()} comes back <em>empty</em> (schema ids start at 1
 * again — clients that cached ids will disagree with the registry). {@link #startPersistent()} keeps the H2
 * database in a file in a temp dir, so schemas and ids survive a restart; {@link Options} can put that file
 * in a directory of your choice (kept after close) and fix the port, e.g. for a local mode.
 */
public final class ApicurioRegistry implements AutoCloseable {

  private static final String VERSION = "2.4.2.Final";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Object BUILD_LOCK = new Object();

  /**
   * How to start the registry.
   *
   * @param port       the HTTP port, 0 for a free one
   * @param storageDir empty for H2 in memory; else the directory of an H2 database file, which is kept on
   *                   {@link #close()} and reused by the next start (schemas and ids survive)
   */
  public record Options(int port, Optional<Path> storageDir) {

    public static Options inMemory() {
      return new Options(0, Optional.empty());
    }

    public Options withPort(int newPort) {
      return new Options(newPort, storageDir);
    }

    public Options withStorageDir(Path dir) {
      return new Options(port, Optional.of(dir));
    }
  }

  private final int port;
  private final Path workDir;
  private final Optional<Path> storageDir;
  private ChildProcess process;
  private boolean closed;

  private ApicurioRegistry(int port, Path workDir, Optional<Path> storageDir) {
    this.port = port;
    this.workDir = workDir;
    this.storageDir = storageDir;
  }

  /** Starts a registry with in-memory storage (lost on {@link #restart()}) on a free port. */
  public static ApicurioRegistry start() {
    return start(Options.inMemory());
  }

  /** Starts a registry whose H2 database is a file in a temp dir, so schemas survive {@link #restart()}. */
  public static ApicurioRegistry startPersistent() {
    Path workDir = TempDirs.create("apicurio");
    return start(Options.inMemory().withStorageDir(workDir.resolve("db")), workDir);
  }

  /** Starts a registry as {@code options} say. */
  public static ApicurioRegistry start(Options options) {
    return start(options, TempDirs.create("apicurio"));
  }

  private static ApicurioRegistry start(Options options, Path workDir) {
    Path runner = ensureBuilt();
    ApicurioRegistry registry = new ApicurioRegistry(options.port() == 0 ? FreePorts.pick() : options.port(),
        workDir, options.storageDir().map(Path::toAbsolutePath));
    ProcessReaper.closeAtExit(registry);
    long began = System.nanoTime();
    registry.launch(runner);
    System.out.printf(Locale.ROOT, "[sandbox] Apicurio registry %s up at %s in %.1f s (pid %d, %s)%n",
        VERSION, registry.baseUrl(), (System.nanoTime() - began) / 1e9, registry.process.pid(),
        registry.storageDir.map(dir -> "H2 file storage in " + dir).orElse("in-memory storage"));
    return registry;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The Confluent Schema Registry compatible API: {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
  public String ccompatUrl() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  /** Apicurio's native API, {@code http://127.0.0.1:PORT/apis/registry/v2}. */
  public String nativeApiUrl() {
    return baseUrl() + "/apis/registry/v2";
  }

  public int port() {
    return port;
  }

  /** The child's combined stdout/stderr. */
  public Path logFile() {
    return workDir.resolve("registry.log");
  }

  /**
   * Kills the registry and starts it again on the same port. With in-memory storage (the default) every
   * schema is gone afterwards; use {@link #startPersistent()} when a test needs them to survive.
   */
  public synchronized void restart() {
    long began = System.nanoTime();
    stopProcess();
    launch(ensureBuilt());
    System.out.printf(Locale.ROOT, "[sandbox] Apicurio registry restarted at %s in %.1f s%n",
        baseUrl(), (System.nanoTime() - began) / 1e9);
  }

  /**
   * Stops the registry (its port refuses connections) until {@link #startAgain()}: an outage of a length the
   * test decides. With in-memory storage every schema is gone afterwards, as for {@link #restart()}.
   */
  public synchronized void stop() {
    stopProcess();
    System.out.println("[sandbox] Apicurio registry stopped at " + baseUrl());
  }

  /** Starts the registry again on the same port after {@link #stop()}; a no-op when it is running. */
  public synchronized void startAgain() {
    if (process != null) {
      return;
    }
    long began = System.nanoTime();
    launch(ensureBuilt());
    System.out.printf(Locale.ROOT, "[sandbox] Apicurio registry started again at %s in %.1f s%n",
        baseUrl(), (System.nanoTime() - began) / 1e9);
  }

  /** Kills the registry (by PID) and deletes its temp dir. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    TempDirs.deleteRecursively(workDir);
    ProcessReaper.forget(this);
  }

  private void launch(Path runner) {
    if (!FreePorts.isFree(port)) {
      awaitPortFree();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java,
        "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + port,
        // 20 pooled H2 connections (Apicurio's default) only cost memory and start-up time here.
        "-Dquarkus.datasource.jdbc.initial-size=2",
        "-Dquarkus.datasource.jdbc.min-size=2",
        "-Dquarkus.datasource.jdbc.max-size=20",
        "-Dquarkus.log.level=WARN",
        "-jar", runner.toString()));
    Map<String, String> env = storageDir
        .map(dir -> Map.of("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE"))
        .orElse(Map.of());
    process = ChildProcess.start("Apicurio registry", command, logFile(), env);
    process.awaitHttpOk(URI.create(baseUrl() + "/health/ready"), READY_TIMEOUT);
  }

  private void stopProcess() {
    if (process != null) {
      process.stop();
      process = null;
    }
  }

  private void awaitPortFree() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!FreePorts.isFree(port) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Returns the runner jar, building it first when it is missing. Holds a JVM-wide monitor and a file lock
   * (other JVMs, e.g. another module's failsafe run) while checking and building.
   */
  static Path ensureBuilt() {
    Path root = ProjectRoot.find();
    Path project = root.resolve("sandbox").resolve("apicurio");
    Path target = project.resolve("target");
    Path runner = target.resolve("apicurio-registry-runner.jar");
    synchronized (BUILD_LOCK) {
      try {
        Files.createDirectories(target);
        // Checked only under the lock: another JVM may be half-way through writing target/lib.
        try (FileChannel channel = FileChannel.open(target.resolve(".build.lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = channel.lock()) {
          if (!isBuilt(project, target, runner)) {
            build(root, project);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not build Apicurio Registry in " + project, e);
      }
    }
    if (!Files.isRegularFile(runner) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IllegalStateException("The Apicurio build finished but " + runner + " or its lib/ is missing");
    }
    return runner;
  }

  /** Built = runner jar and lib/ present, and the runner newer than the wrapper's pom, settings and properties. */
  private static boolean isBuilt(Path project, Path target, Path runner) throws IOException {
    if (!Files.isRegularFile(runner) || !Files.isDirectory(target.resolve("lib"))) {
      return false;
    }
    FileTime built = Files.getLastModifiedTime(runner);
    for (Path input : List.of(project.resolve("pom.xml"), project.resolve("settings.xml"),
        project.resolve("src/main/resources/application.properties"))) {
      if (Files.exists(input) && Files.getLastModifiedTime(input).compareTo(built) > 0) {
        return false;
      }
    }
    return true;
  }

  private static void build(Path root, Path project) throws IOException {
    System.out.println("[sandbox] Building Apicurio Registry " + VERSION + " from Maven Central (once; about a minute with an empty cache)...");
    long began = System.nanoTime();
    Path log = project.resolve("target").resolve("build.log");
    Path mvnw = root.resolve("mvnw");
    List<String> command = new ArrayList<>();
    if (!Files.isExecutable(mvnw)) {
      command.add("sh"); // e.g. a checkout that lost the executable bit
    }
    command.addAll(List.of(mvnw.toString(), "-B", "-q",
        "-s", project.resolve("settings.xml").toString(),
        "-f", project.resolve("pom.xml").toString(), "package"));
    Process build = new ProcessBuilder(command)
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    ProcessReaper.register(build);
    try {
      if (!build.waitFor(15, TimeUnit.MINUTES)) {
        ProcessReaper.kill(build.toHandle(), 2_000);
        throw new IllegalStateException("Apicurio build timed out after 15 minutes; see " + log);
      }
    } catch (InterruptedException e) {
      ProcessReaper.kill(build.toHandle(), 2_000);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while building Apicurio", e);
    } finally {
      ProcessReaper.unregister(build);
    }
    if (build.exitValue() != 0) {
      throw new IllegalStateException("Apicurio build failed (exit " + build.exitValue() + "): "
          + String.join(" ", command) + "; output in " + log);
    }
    System.out.printf(Locale.ROOT, "[sandbox] Built Apicurio Registry in %.1f s%n", (System.nanoTime() - began) / 1e9);
  }
}

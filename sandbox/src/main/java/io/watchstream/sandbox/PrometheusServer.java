package io.watchstream.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, 2.42 on Debian 12) as a child process on a free
 * loopback port, with its own config file and TSDB directory: for tests that check what a real scraper makes of the
 * services' {@code /metrics}, that alerting rules load and evaluate, and for the bench's latency peer.
 *
 * <p>The caller gives the whole {@code prometheus.yml} and any files it refers to by a relative path (rule files);
 * they are written into the server's directory. The package is installed with apt-get when missing
 * ({@link DebianPackages}); it starts no system service. The child is killed by PID on {@link #close()} and at
 * JVM exit ({@link ProcessReaper}).
 */
public final class PrometheusServer implements AutoCloseable {

  /** The Debian package that ships {@code prometheus} and {@code promtool}. */
  public static final String DEBIAN_PACKAGE = "prometheus";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final boolean deleteDirOnClose;
  private final int port;
  private ChildProcess process;

  private PrometheusServer(Path dir, boolean deleteDirOnClose, int port) {
    this.dir = dir;
    this.deleteDirOnClose = deleteDirOnClose;
    this.port = port;
  }

  /** Installs the package if {@code prometheus} or {@code promtool} is missing (about 30 s here, once). */
  public static void ensureInstalled() {
    DebianPackages.ensureInstalled(DEBIAN_PACKAGE, "prometheus", "promtool");
  }

  /** Starts Prometheus with {@code configYaml} in a temp directory that {@link #close()} deletes. */
  public static PrometheusServer start(String configYaml, Map<String, String> files) {
    return start(TempDirs.create("prometheus"), true, configYaml, files);
  }

  /** Starts Prometheus with its config, data and log in {@code dir}, which is kept (e.g. for a bench report). */
  public static PrometheusServer startIn(Path dir, String configYaml, Map<String, String> files) {
    return start(dir, false, configYaml, files);
  }

  private static PrometheusServer start(Path dir, boolean deleteDirOnClose, String configYaml, Map<String, String> files) {
    ensureInstalled();
    PrometheusServer server = new PrometheusServer(dir, deleteDirOnClose, FreePorts.pick());
    ProcessReaper.closeAtExit(server);
    long began = System.nanoTime();
    try {
      Files.createDirectories(dir);
      Files.writeString(server.configFile(), configYaml, StandardCharsets.UTF_8);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
      server.process = ChildProcess.start("prometheus", List.of("prometheus",
          "--config.file=" + server.configFile(),
          "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
          "--web.listen-address=127.0.0.1:" + server.port), server.logFile(), Map.of());
      server.process.awaitHttpOk(server.url().resolve("/-/ready"), Duration.ofSeconds(30));
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException("Could not write the Prometheus config in " + dir, e);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    System.out.printf(Locale.ROOT, "[sandbox] prometheus up at %s in %.1f s (pid %d)%n", server.url(),
        (System.nanoTime() - began) / 1e9, server.process.pid());
    return server;
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public int port() {
    return port;
  }

  /** The directory holding {@code prometheus.yml}, the caller's files, {@code data/} and the log. */
  public Path dir() {
    return dir;
  }

  public Path configFile() {
    return dir.resolve("prometheus.yml");
  }

  /** Prometheus's combined stdout/stderr. */
  public Path logFile() {
    return dir.resolve("prometheus.log");
  }

  /** The {@code data} field of an HTTP API answer, e.g. {@code api("targets")}; fails on an error answer. */
  public JsonNode api(String pathAndQuery) {
    URI uri = url().resolve("/api/v1/" + pathAndQuery);
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + uri + ": " + response.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not ask Prometheus " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking Prometheus " + uri, e);
    }
  }

  /** The {@code result} array of an instant query. */
  public JsonNode query(String promql) {
    return api("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
  }

  /** {@code data.activeTargets} of {@code /api/v1/targets}: each has {@code labels.job}, {@code health}, {@code lastError}. */
  public JsonNode activeTargets() {
    return api("targets?state=active").path("activeTargets");
  }

  /** {@code data.groups} of {@code /api/v1/rules}: each rule has {@code name}, {@code health}, {@code lastError}. */
  public JsonNode ruleGroups() {
    return api("rules").path("groups");
  }

  /** Kills Prometheus by PID and deletes its temp dir (unless started with {@link #startIn}). Idempotent. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.stop();
      process = null;
    }
    if (deleteDirOnClose) {
      TempDirs.deleteRecursively(dir);
    }
    ProcessReaper.forget(this);
  }
}

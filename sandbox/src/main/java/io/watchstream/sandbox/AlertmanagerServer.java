package io.watchstream.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager} package, 0.25 on Debian 12) as a child process on a
 * free loopback port, alone (no gossip cluster: nothing listens beyond loopback), with its own config and storage
 * directory. Installed with apt-get when missing; killed by PID on {@link #close()} and at JVM exit.
 */
public final class AlertmanagerServer implements AutoCloseable {

  public static final String DEBIAN_PACKAGE = "prometheus-alertmanager";

  private final Path dir;
  private final int port;
  private ChildProcess process;

  private AlertmanagerServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts Alertmanager with {@code configYaml}; its config, storage and log stay in {@code dir}. */
  public static AlertmanagerServer startIn(Path dir, String configYaml) {
    DebianPackages.ensureInstalled(DEBIAN_PACKAGE, "prometheus-alertmanager");
    AlertmanagerServer server = new AlertmanagerServer(dir, FreePorts.pick());
    ProcessReaper.closeAtExit(server);
    long began = System.nanoTime();
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("alertmanager.yml");
      Files.writeString(config, configYaml, StandardCharsets.UTF_8);
      server.process = ChildProcess.start("prometheus-alertmanager", List.of("prometheus-alertmanager",
          "--config.file=" + config,
          "--storage.path=" + Files.createDirectories(dir.resolve("am-data")),
          "--web.listen-address=127.0.0.1:" + server.port,
          "--cluster.listen-address="), dir.resolve("alertmanager.log"), Map.of());
      server.process.awaitHttpOk(server.url().resolve("/-/ready"), Duration.ofSeconds(30));
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException("Could not write the Alertmanager config in " + dir, e);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    System.out.printf(Locale.ROOT, "[sandbox] alertmanager up at %s in %.1f s (pid %d)%n", server.url(),
        (System.nanoTime() - began) / 1e9, server.process.pid());
    return server;
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** {@code 127.0.0.1:PORT}, as Prometheus's {@code alerting.alertmanagers} targets want it. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  /** Kills Alertmanager by PID. Idempotent. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.stop();
      process = null;
    }
    ProcessReaper.forget(this);
  }
}

package io.watchstream.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real authenticating reverse proxy in front of an HTTP service (the registry): Debian's {@code nginx} on two
 * loopback TLS ports, one asking for HTTP basic auth ({@code auth_basic}, the users given), one for a bearer token,
 * both passing requests on to {@code upstream} without the credentials. This is how a registry is often secured
 * (Confluent Cloud's is basic auth over TLS).
 *
 * <p>The binary is {@code nginx} from the PATH or {@code /usr/sbin/nginx}; when it is missing, the Debian package is
 * fetched with {@code apt-get download nginx} and unpacked ({@code dpkg -x}) into {@code ~/.cache/watchstream-sandbox}
 * — no root, no system service started. It runs in the foreground as one process ({@code master_process off}),
 * killed by PID on {@link #close()} and at JVM exit.
 */
public final class NginxProxy implements AutoCloseable {

  public static final String INSTALL_HINT = "apt-get install -y nginx (or let the sandbox fetch it: apt-get download nginx)";

  private final Path workDir;
  private final int basicPort;
  private final int bearerPort;
  private final ChildProcess process;
  private boolean closed;

  private NginxProxy(Path workDir, int basicPort, int bearerPort, ChildProcess process) {
    this.workDir = workDir;
    this.basicPort = basicPort;
    this.bearerPort = bearerPort;
    this.process = process;
  }

  /**
   * Starts nginx in front of {@code upstream} (e.g. {@code http://127.0.0.1:8080}), TLS with {@code tls}, basic auth
   * for {@code users} (name to password) on {@link #basicAuthUrl()}, {@code bearerToken} on {@link #bearerUrl()}.
   */
  public static NginxProxy start(URI upstream, TlsMaterial tls, Map<String, String> users, String bearerToken) {
    Path nginx = binary();
    Path dir = TempDirs.create("nginx");
    int basic = FreePorts.pick();
    int bearer = FreePorts.pick();
    try {
      Files.createDirectories(dir.resolve("tmp"));
      StringBuilder htpasswd = new StringBuilder();
      // nginx reads "{PLAIN}" passwords as they are: fine for throwaway test users
      users.forEach((u, p) -> htpasswd.append(u).append(":{PLAIN}").append(p).append('\n'));
      Files.writeString(dir.resolve("htpasswd"), htpasswd);
      Files.writeString(dir.resolve("nginx.conf"), config(dir, upstream, tls, basic, bearer, bearerToken));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long began = System.nanoTime();
    ChildProcess child = ChildProcess.start("nginx", List.of(nginx.toString(), "-p", dir.toString(), "-c",
        dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString()), dir.resolve("nginx.log"), Map.of());
    NginxProxy proxy = new NginxProxy(dir, basic, bearer, child);
    ProcessReaper.closeAtExit(proxy);
    proxy.awaitListening();
    System.out.printf(Locale.ROOT, "[sandbox] nginx proxy up at https://127.0.0.1:%d (basic) and :%d (bearer) in %.1f s (pid %d)%n",
        basic, bearer, (System.nanoTime() - began) / 1e9, child.pid());
    return proxy;
  }

  /** {@code https://127.0.0.1:PORT}: basic auth required. */
  public URI basicAuthUrl() {
    return URI.create("https://127.0.0.1:" + basicPort);
  }

  /** {@code https://127.0.0.1:PORT}: a bearer token required. */
  public URI bearerUrl() {
    return URI.create("https://127.0.0.1:" + bearerPort);
  }

  private static String config(Path dir, URI upstream, TlsMaterial tls, int basic, int bearer, String token) {
    String tmp = dir.resolve("tmp").toString();
    String common = """
          ssl_certificate %s;
          ssl_certificate_key %s;
          location / {
            %s
            proxy_set_header Authorization "";
            proxy_pass %s;
          }
        """;
    String upstreamUrl = upstream.toString().replaceAll("/$", "");
    return """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %2$s/body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;
          server {
            listen 127.0.0.1:%3$d ssl;
        %4$s
          }
          server {
            listen 127.0.0.1:%5$d ssl;
        %6$s
          }
        }
        """.formatted(dir, tmp, basic,
        common.formatted(tls.certificate(), tls.privateKey(),
            "auth_basic \"registry\"; auth_basic_user_file " + dir.resolve("htpasswd") + ";", upstreamUrl),
        bearer,
        common.formatted(tls.certificate(), tls.privateKey(),
            "if ($http_authorization != \"Bearer " + token + "\") { return 401; }", upstreamUrl));
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited at start; last output:\n" + process.logTail() + "\n" + errorLog());
      }
      if (!FreePorts.isFree(basicPort) && !FreePorts.isFree(bearerPort)) {
        return;
      }
      sleep(50);
    }
    close();
    throw new IllegalStateException("nginx did not listen within 20 s:\n" + errorLog());
  }

  private String errorLog() {
    try {
      return Files.readString(workDir.resolve("error.log"));
    } catch (IOException e) {
      return "(no error.log)";
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    process.stop();
    TempDirs.deleteRecursively(workDir);
    ProcessReaper.forget(this);
  }

  /** nginx from the system, else from the Debian package unpacked into the user's cache. */
  static Path binary() {
    for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "nginx");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
      return Path.of("/usr/sbin/nginx");
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "watchstream-sandbox", "nginx");
    Path unpacked = cache.resolve("root/usr/sbin/nginx");
    if (Files.isExecutable(unpacked)) {
      return unpacked;
    }
    try {
      Files.createDirectories(cache);
      if (run(cache, "apt-get", "download", "nginx") != 0) {
        run(cache, "apt-get", "update", "-q"); // a clean machine may have no package lists yet
        if (run(cache, "apt-get", "download", "nginx") != 0) {
          throw new IllegalStateException("nginx is not installed and `apt-get download nginx` failed; " + INSTALL_HINT);
        }
      }
      try (var debs = Files.list(cache)) {
        Path deb = debs.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
            .orElseThrow(() -> new IllegalStateException("apt-get download nginx left no .deb in " + cache));
        if (run(cache, "dpkg", "-x", deb.toString(), cache.resolve("root").toString()) != 0) {
          throw new IllegalStateException("dpkg -x " + deb + " failed; " + INSTALL_HINT);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("nginx is not installed and could not be fetched; " + INSTALL_HINT, e);
    }
    if (!Files.isExecutable(unpacked)) {
      throw new IllegalStateException("the nginx package unpacked without " + unpacked + "; " + INSTALL_HINT);
    }
    return unpacked;
  }

  private static int run(Path dir, String... command) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("fetch.log").toFile()).start();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

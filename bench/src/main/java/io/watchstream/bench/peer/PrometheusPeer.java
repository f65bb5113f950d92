package io.watchstream.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.sandbox.FreePorts;
import io.watchstream.sandbox.ProcessReaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus and Alertmanager from Debian's packages as the peer in the detection latency comparison, run as
 * child processes on loopback ports with their own config and data dirs, at their default settings: the config
 * files set no scrape, evaluation or grouping interval, so Prometheus scrapes and evaluates every 1 m and
 * Alertmanager waits its default 30 s group_wait before the first notification. The one alerting rule is the
 * equivalent of the watchstream benchmark rule: {@code bench_cpu_utilization > 50}. Alertmanager delivers with
 * its Slack integration to the Slack stand-in's incoming-webhook path.
 *
 * <p>When the binaries are missing, {@link #start} installs them with apt-get (they start no service by
 * themselves) or fails with the command to run.
 */
public final class PrometheusPeer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final int prometheusPort;
  private final int alertmanagerPort;
  private final List<Process> processes = new ArrayList<>();

  private PrometheusPeer(Path dir, int prometheusPort, int alertmanagerPort) {
    this.dir = dir;
    this.prometheusPort = prometheusPort;
    this.alertmanagerPort = alertmanagerPort;
  }

  /** Starts Alertmanager, then Prometheus scraping {@code exporterTarget}; returns once both answer ready. */
  public static PrometheusPeer start(Path dir, String exporterTarget, String slackWebhookUrl) {
    ensureInstalled();
    PrometheusPeer peer = new PrometheusPeer(dir, FreePorts.pick(), FreePorts.pick());
    try {
      peer.writeConfigs(exporterTarget, slackWebhookUrl);
      peer.launch("alertmanager", List.of("prometheus-alertmanager",
          "--config.file=" + dir.resolve("alertmanager.yml"),
          "--storage.path=" + Files.createDirectories(dir.resolve("am-data")),
          "--web.listen-address=127.0.0.1:" + peer.alertmanagerPort,
          // No gossip: a single Alertmanager, and nothing listening beyond loopback.
          "--cluster.listen-address="));
      peer.awaitReady("http://127.0.0.1:" + peer.alertmanagerPort + "/-/ready");
      peer.launch("prometheus", List.of("prometheus",
          "--config.file=" + dir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prom-data")),
          "--web.listen-address=127.0.0.1:" + peer.prometheusPort));
      peer.awaitReady("http://127.0.0.1:" + peer.prometheusPort + "/-/ready");
    } catch (IOException e) {
      peer.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      peer.close();
      throw e;
    }
    return peer;
  }

  /** The value of the series as Prometheus last scraped it, if it has scraped it yet. */
  public Optional<Double> lastScrapedValue() {
    String body = get("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=bench_cpu_utilization");
    try {
      JsonNode result = JSON.readTree(body).path("data").path("result");
      if (!result.isArray() || result.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable Prometheus answer: " + body, e);
    }
  }

  private void writeConfigs(String exporterTarget, String slackWebhookUrl) throws IOException {
    Files.createDirectories(dir);
    // Deliberately no 'global:' section: scrape_interval and evaluation_interval keep their 1m defaults.
    Files.writeString(dir.resolve("prometheus.yml"), """
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['127.0.0.1:%d']
        rule_files: ['rules.yml']
        scrape_configs:
          - job_name: bench
            static_configs:
              - targets: ['%s']
        """.formatted(alertmanagerPort, exporterTarget));
    Files.writeString(dir.resolve("rules.yml"), """
        groups:
          - name: bench
            rules:
              - alert: HighCpu
                expr: bench_cpu_utilization > 50
                labels:
                  severity: critical
                annotations:
                  summary: 'CPU {{ $value }} > 50 on {{ $labels.instance_id }}'
        """);
    // Route defaults: group_wait 30s, group_interval 5m, repeat_interval 4h.
    Files.writeString(dir.resolve("alertmanager.yml"), """
        route:
          receiver: slack
        receivers:
          - name: slack
            slack_configs:
              - api_url: '%s'
                channel: '#bench'
                send_resolved: true
        """.formatted(slackWebhookUrl));
  }

  private void launch(String name, List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    ProcessReaper.register(process);
    processes.add(process);
  }

  private void awaitReady(String url) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("peer process exited with " + p.exitValue() + "; see logs in " + dir);
        }
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      sleep(100);
    }
    throw new IllegalStateException(url + " not ready after 30 s; see logs in " + dir);
  }

  private static String get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void ensureInstalled() {
    if (onPath("prometheus") && onPath("prometheus-alertmanager")) {
      return;
    }
    System.out.println("[bench] installing prometheus and prometheus-alertmanager with apt-get");
    try {
      Process p = new ProcessBuilder("bash", "-c",
          "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus prometheus-alertmanager")
          .inheritIO().start();
      p.waitFor();
    } catch (IOException e) {
      // Reported below with the command to run.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!onPath("prometheus") || !onPath("prometheus-alertmanager")) {
      throw new IllegalStateException("prometheus / prometheus-alertmanager missing: "
          + "apt-get install -y prometheus prometheus-alertmanager");
    }
  }

  private static boolean onPath(String binary) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
        return true;
      }
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
      ProcessReaper.unregister(p);
    }
  }
}

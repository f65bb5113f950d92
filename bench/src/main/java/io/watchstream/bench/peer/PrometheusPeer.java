package io.watchstream.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchstream.sandbox.AlertmanagerServer;
import io.watchstream.sandbox.PrometheusServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus and Alertmanager from Debian's packages (the sandbox's {@link PrometheusServer} and
 * {@link AlertmanagerServer}: installed with apt-get when missing, loopback ports, own config and data dirs) as the
 * peer in the detection latency comparison, at their default settings: the config files set no scrape, evaluation
 * or grouping interval, so Prometheus scrapes and evaluates every 1 m and Alertmanager waits its default 30 s
 * group_wait before the first notification. The one alerting rule is the equivalent of the watchstream benchmark
 * rule: {@code bench_cpu_utilization > 50}. Alertmanager delivers with its Slack integration to the Slack stand-in's
 * incoming-webhook path.
 */
public final class PrometheusPeer implements AutoCloseable {

  private final AlertmanagerServer alertmanager;
  private final PrometheusServer prometheus;

  private PrometheusPeer(AlertmanagerServer alertmanager, PrometheusServer prometheus) {
    this.alertmanager = alertmanager;
    this.prometheus = prometheus;
  }

  /** Starts Alertmanager, then Prometheus scraping {@code exporterTarget}; returns once both answer ready. */
  public static PrometheusPeer start(Path dir, String exporterTarget, String slackWebhookUrl) {
    // Route defaults: group_wait 30s, group_interval 5m, repeat_interval 4h.
    AlertmanagerServer alertmanager = AlertmanagerServer.startIn(dir.resolve("alertmanager"), """
        route:
          receiver: slack
        receivers:
          - name: slack
            slack_configs:
              - api_url: '%s'
                channel: '#bench'
                send_resolved: true
        """.formatted(slackWebhookUrl));
    try {
      // Deliberately no 'global:' section: scrape_interval and evaluation_interval keep their 1m defaults.
      PrometheusServer prometheus = PrometheusServer.startIn(dir.resolve("prometheus"), """
          alerting:
            alertmanagers:
              - static_configs:
                  - targets: ['%s']
          rule_files: ['rules.yml']
          scrape_configs:
            - job_name: bench
              static_configs:
                - targets: ['%s']
          """.formatted(alertmanager.target(), exporterTarget), Map.of("rules.yml", """
          groups:
            - name: bench
              rules:
                - alert: HighCpu
                  expr: bench_cpu_utilization > 50
                  labels:
                    severity: critical
                  annotations:
                    summary: 'CPU {{ $value }} > 50 on {{ $labels.instance_id }}'
          """));
      return new PrometheusPeer(alertmanager, prometheus);
    } catch (RuntimeException e) {
      alertmanager.close();
      throw e;
    }
  }

  /** The value of the series as Prometheus last scraped it, if it has scraped it yet. */
  public Optional<Double> lastScrapedValue() {
    JsonNode result = prometheus.query("bench_cpu_utilization");
    if (!result.isArray() || result.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
  }

  @Override
  public void close() {
    prometheus.close();
    alertmanager.close();
  }
}

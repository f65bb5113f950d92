package io.watchstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real Prometheus scrapes a loopback target, evaluates a rule file written beside its config, and leaves nothing behind. */
class PrometheusServerIT {

  @Test
  void scrapesATargetEvaluatesItsRulesAndIsGoneAfterClose() throws Exception {
    HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", exchange -> {
      byte[] body = "# TYPE sandbox_answer gauge\nsandbox_answer 42\n".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    exporter.start();
    PrometheusServer prometheus = PrometheusServer.start("""
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        rule_files: ['rules.yml']
        scrape_configs:
          - job_name: exporter
            static_configs: [{targets: ['127.0.0.1:%d']}]
        """.formatted(exporter.getAddress().getPort()), Map.of("rules.yml", """
        groups:
          - name: sandbox
            rules:
              - alert: AnswerIsWrong
                expr: sandbox_answer != 42
        """));
    try {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> prometheus.query("sandbox_answer").size() == 1);
      JsonNode target = prometheus.activeTargets().get(0);
      assertThat(target.path("labels").path("job").asText()).isEqualTo("exporter");
      assertThat(target.path("health").asText()).isEqualTo("up");
      assertThat(prometheus.query("sandbox_answer").get(0).path("value").get(1).asText()).isEqualTo("42");
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
          "ok".equals(prometheus.ruleGroups().get(0).path("rules").get(0).path("health").asText()));
    } finally {
      prometheus.close();
      exporter.stop(0);
    }
    assertThat(FreePorts.isFree(prometheus.port())).isTrue();
    assertThat(Files.exists(prometheus.dir())).isFalse();
  }
}

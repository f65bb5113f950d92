package io.watchstream.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicReference<HealthReport> health = new AtomicReference<>(HealthReport.up(Map.of("series", 3)));
  private OpsServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private OpsServer start(List<JsonRoute> routes) throws IOException {
    server = new OpsServer(new OpsServer.Settings("127.0.0.1", 0, "test-ops"), health::get, () -> "up 1\n", routes);
    return server;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsCompactJsonWithStatusReasonsReadyAndTheServiceDetails() throws Exception {
    start(List.of());
    HttpResponse<String> up = get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"reasons\":[],\"ready\":true,\"series\":3}");

    health.set(HealthReport.upUnless(List.of("AWS throttling", "Kafka slow"), Map.of()));
    HttpResponse<String> degraded = get("/health");
    assertThat(degraded.statusCode()).isEqualTo(200);
    assertThat(degraded.body()).isEqualTo(
        "{\"status\":\"DEGRADED\",\"reason\":\"AWS throttling; Kafka slow\",\"reasons\":[\"AWS throttling\",\"Kafka slow\"],\"ready\":true}");
  }

  @Test
  void downIs503AndReadinessFollowsTheReadyFlag() throws Exception {
    start(List.of());
    health.set(HealthReport.down(List.of("stopped"), Map.of()));
    assertThat(get("/health").statusCode()).isEqualTo(503);
    assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    health.set(new HealthReport(HealthStatus.DEGRADED, List.of("starting"), false, Map.of()));
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    health.set(HealthReport.up(Map.of()));
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsServesThePrometheusText() throws Exception {
    start(List.of());
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body()).isEqualTo("up 1\n");
  }

  record Row(String rule, String state) {}

  @Test
  void extraJsonRoutesGetTheirQueryAndAnswer503WhenTheyCannotAnswer() throws Exception {
    start(List.of(
        JsonRoute.of("/state", q -> List.of(new Row(q.getOrDefault("rule", "all"), "OK"))),
        new JsonRoute("/rules", "state not queryable now", q -> {
          throw new IllegalStateException("rebalancing");
        })));
    HttpResponse<String> state = get("/state?rule=cpu%20high&x=1");
    assertThat(state.statusCode()).isEqualTo(200);
    assertThat(state.body().replaceAll("\\s", "")).isEqualTo("[{\"rule\":\"cpuhigh\",\"state\":\"OK\"}]");
    HttpResponse<String> rules = get("/rules");
    assertThat(rules.statusCode()).isEqualTo(503);
    assertThat(rules.body()).isEqualTo("{\"error\":\"state not queryable now: rebalancing\"}");
  }

  @Test
  void detailsCannotReplaceTheStandardFields() {
    HealthReport r = new HealthReport(HealthStatus.UP, List.of(), true, Map.of("status", "FINE", "openIncidents", 2));
    assertThat(r.body()).containsEntry("status", "UP").containsEntry("openIncidents", 2);
  }

  @Test
  void closeStopsTheServerAndItsThread() throws Exception {
    start(List.of());
    int port = server.port();
    server.close();
    server = null;
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-ops") && t.isAlive()));
  }
}

package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.notifier.NotifierFactory;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.ops.PrometheusText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} and {@code /metrics} of a notifier on the real broker, Apicurio and the Slack stand-in: DOWN
 * (503, with the reason) before the loop has restored its state, UP once it consumes; the metrics count what really
 * happened to a delivered alert and to dead letters.
 */
class NotifierOpsIT {

  private static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");
  private final HttpClient http = HttpClient.newHttpClient();
  private NotifierHarness h;
  private NotifierService service;

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
    if (h != null) {
      h.close();
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private double metric(String sample) throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    return PrometheusText.samples(r.body()).getOrDefault(sample, Double.NaN);
  }

  @Test
  void healthIsDownUntilTheLoopRunsAndMetricsCountADeliveredAlertAndDeadLetters() throws Exception {
    h = new NotifierHarness("ops");
    Map<String, String> env = Map.of("TEST_SLACK_TOKEN", NotifierHarness.TOKEN);
    service = NotifierFactory.create(NotifierConfigLoader.parse(h.baseYaml(), env), env, Clock.systemUTC(), NotifierHooks.NONE);

    // Created but not running: the endpoint answers, and says why the instance is not ready.
    HttpResponse<String> starting = get("/health");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).contains("\"status\":\"DOWN\"").contains("\"reason\":\"restoring the notifier state topic\"");
    assertThat(get("/health/ready").statusCode()).isEqualTo(503);

    Thread loop = new Thread(service, "notifier-ops-it");
    loop.setDaemon(true);
    loop.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/health").statusCode() == 200);
    // the harness's alerts topic has 2 partitions, scaling-commands 1
    assertThat(get("/health").body()).contains("\"status\":\"UP\"").contains("\"stateRestored\":true")
        .contains("\"assignedPartitions\":3");
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);

    // One alert delivered: consumed, posted once, one incident open.
    h.send(AlertBuilder.alarm().at(T0).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> h.requests("chat.postMessage").size() == 1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(metric("watchstream_notifier_alerts_consumed_total")).isEqualTo(1.0);
      assertThat(metric("watchstream_notifier_slack_messages_total{kind=\"post\"}")).isEqualTo(1.0);
      assertThat(metric("watchstream_notifier_incidents_open")).isEqualTo(1.0);
    });

    // A record that is not Avro (a dead letter), and an alert Slack refuses with 500 four times (an outage: waited
    // out, then posted once).
    h.sendRaw(h.topics.names().alerts(), "k".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    h.slack.failNext(4, 500);
    h.send(AlertBuilder.alarm().rule("disk-full").at(T0).build());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(metric("watchstream_notifier_dead_letters_total{stage=\"decode\"}")).isEqualTo(1.0);
      assertThat(metric("watchstream_notifier_slack_messages_total{kind=\"post\"}")).isEqualTo(2.0);
    });
    assertThat(metric("watchstream_notifier_alerts_consumed_total")).isEqualTo(3.0);
    assertThat(metric("watchstream_notifier_slack_errors_total{cause=\"server_error\"}")).isEqualTo(4.0);
    assertThat(metric("watchstream_notifier_slack_retries_total")).isEqualTo(4.0);
    assertThat(metric("watchstream_notifier_dead_letters_total{stage=\"deliver\"}")).isZero();
    assertThat(metric("watchstream_notifier_dead_letters_total{stage=\"route\"}")).isZero();
    assertThat(metric("watchstream_notifier_dependency_waiting{dependency=\"slack\"}")).isZero();
    assertThat(get("/health").statusCode()).as("dead letters are reported, not a reason to restart").isEqualTo(200);
    assertThat(get("/health").body()).contains("\"status\":\"UP\"");

    // Stopped: the endpoint goes away with the loop.
    int port = service.httpPort();
    service.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
  }

  private boolean refused(int port) throws InterruptedException {
    try {
      http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2))
          .build(), HttpResponse.BodyHandlers.ofString());
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return e.getCause() instanceof ConnectException;
    }
  }
}

package io.watchstream.processor.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.watchstream.processor.topology.DegradedRules;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Read-only HTTP view of this instance's state (interactive queries):
 * <ul>
 *   <li>{@code GET /state} — every (rule, series) held here: alarm state, since when, and the reason of
 *       the last evaluation (optional {@code ?rule=ID} filter);
 *   <li>{@code GET /rules} — rules in force with version and source, and any rejected record;
 *   <li>{@code GET /health} — UP / DEGRADED / DOWN with the reasons ({@link ProcessorHealth}); HTTP 200 for UP
 *       and DEGRADED, 503 for DOWN;
 *   <li>{@code GET /health/ready} — 200 once start-up is done and Kafka Streams runs or rebalances, else 503;
 *   <li>{@code GET /metrics} — Prometheus text ({@link ProcessorMetrics}).
 * </ul>
 * With several instances each shows the partitions it owns.
 */
public final class StateQueryServer implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final HttpServer server;
  private final StateQueries queries;

  /** {@code degraded}: the rules our code failed on, shown with each rule in {@code /rules}. */
  public StateQueryServer(KafkaStreams streams, int port, DegradedRules degraded, Supplier<ProcessorHealth.Report> health,
      Supplier<String> metrics) throws IOException {
    this.queries = new StateQueries(streams, degraded);
    this.server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
    server.createContext("/state", ex -> respond(ex, () -> queries.state(query(ex, "rule"))));
    server.createContext("/rules", ex -> respond(ex, queries::rules));
    server.createContext("/health", ex -> {
      ProcessorHealth.Report report = health.get();
      send(ex, report.status().httpStatus(), "application/json", JSON.writeValueAsBytes(report));
    });
    server.createContext("/health/ready", ex -> {
      ProcessorHealth.Report report = health.get();
      send(ex, report.ready() ? 200 : 503, "application/json", JSON.writeValueAsBytes(report));
    });
    server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        metrics.get().getBytes(StandardCharsets.UTF_8)));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private interface Body {
    Object get() throws Exception;
  }

  private static String query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getQuery();
    if (q == null) {
      return null;
    }
    for (String part : q.split("&")) {
      if (part.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(part.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void respond(HttpExchange ex, Body body) throws IOException {
    int status = 200;
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body.get());
    } catch (Exception e) {
      status = 503;
      bytes = JSON.writeValueAsBytes(Map.of("error", "state not queryable now: " + e.getMessage()));
    }
    send(ex, status, "application/json", bytes);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

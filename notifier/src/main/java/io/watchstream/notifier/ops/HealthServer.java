package io.watchstream.notifier.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code GET /health} (200 while {@link NotifierHealth} says UP, 503 with the reason otherwise) and
 * {@code GET /metrics} in the Prometheus text format. The same shape as the ingest service's endpoint: JDK
 * HttpServer on one daemon thread, because two tiny endpoints need no web framework.
 */
public final class HealthServer implements AutoCloseable {

  /** What /health reports: whether the service is healthy and a one-line JSON detail. */
  public record Health(boolean up, String json) {
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "notifier-http");
    t.setDaemon(true);
    return t;
  });

  public HealthServer(String host, int port, PrometheusMeterRegistry prometheus, Supplier<Health> health) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/health", ex -> {
      Health h = health.get();
      respond(ex, h.up() ? 200 : 503, "application/json", h.json());
    });
    server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape()));
    server.setExecutor(executor);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

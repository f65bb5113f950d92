package io.watchstream.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The ops HTTP endpoint of every service, on the JDK's HttpServer (a few tiny routes need no web framework) and
 * daemon threads (one unless {@link Settings#threads()} says more):
 * <ul>
 *   <li>{@code GET /health}: the {@link HealthReport} as compact JSON, 200 for UP and DEGRADED, 503 for DOWN;
 *   <li>{@code GET /health/ready}: the same body, 200 when {@link HealthReport#ready()}, else 503;
 *   <li>{@code GET /metrics}: the Prometheus text the scrape supplier returns ({@code PrometheusMeterRegistry::scrape});
 *   <li>each {@link JsonRoute}, e.g. the processor's {@code /state} and {@code /rules}.
 * </ul>
 * {@link #close()} stops the server and its thread.
 */
public final class OpsServer implements AutoCloseable {

  /**
   * Where to listen: {@code port} 0 takes any free port ({@link #port()} says which). {@code threads}: requests served
   * at once; more than one where a route asks other instances' ops servers, so two instances asking each other at the
   * same moment cannot wait on each other.
   */
  public record Settings(String host, int port, String threadName, int threads) {
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("an ops server needs at least one thread");
      }
    }

    public Settings(String host, int port, String threadName) {
      this(host, port, threadName, 1);
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  public OpsServer(Settings settings, Supplier<HealthReport> health, Supplier<String> prometheusScrape,
      List<JsonRoute> routes) throws IOException {
    server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    AtomicInteger started = new AtomicInteger();
    executor = Executors.newFixedThreadPool(settings.threads(), r -> {
      Thread t = new Thread(r, settings.threads() == 1 ? settings.threadName()
          : settings.threadName() + "-" + started.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.createContext("/health", ex -> {
      HealthReport report = health.get();
      int status = ex.getRequestURI().getPath().equals("/health/ready")
          ? (report.ready() ? 200 : 503) : report.status().httpStatus();
      send(ex, status, "application/json", JSON.writeValueAsBytes(report.body()));
    });
    server.createContext("/metrics", ex -> send(ex, 200, PROMETHEUS_TEXT, prometheusScrape.get().getBytes(StandardCharsets.UTF_8)));
    routes.forEach(this::route);
    server.setExecutor(executor);
    server.start();
  }

  /** Serves {@code route} from now on (a route whose handler needs what exists only after the port is known). */
  public void route(JsonRoute route) {
    server.createContext(route.path(), ex -> respond(ex, route));
  }

  /** The port listened on (the chosen one when {@link Settings#port()} was 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, JsonRoute route) throws IOException {
    byte[] body;
    int status = 200;
    try {
      body = PRETTY.writeValueAsBytes(route.handler().respond(query(ex)));
    } catch (Exception e) {
      status = 503;
      body = JSON.writeValueAsBytes(Map.of("error", route.unavailable() + ": " + e.getMessage()));
    }
    send(ex, status, "application/json", body);
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(name, value);
    }
    return params;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
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

package io.watchstream.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy on loopback in front of the real {@code moto_server}. It passes every request through, except
 * while {@link #inject} is on: then each request is answered, in turn, by one of the {@link Fault}s an AWS endpoint
 * (or a broken middlebox in front of it) really sends — garbage bodies, an answer of the wrong shape, throttling as
 * CloudWatch (Query protocol) and CloudWatch Logs (JSON protocol) send it, 429, 500, 503. It counts what it served.
 */
final class FaultInjectingProxy implements AutoCloseable {

  enum Fault { GARBAGE, WRONG_SHAPE, THROTTLING, TOO_MANY_REQUESTS, INTERNAL_ERROR, UNAVAILABLE }

  private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding",
      "expect", "upgrade", "keep-alive");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private volatile boolean injecting;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<Fault, AtomicInteger> served = new EnumMap<>(Fault.class);
  private final AtomicInteger passed = new AtomicInteger();

  FaultInjectingProxy(URI target) {
    this.target = target;
    for (Fault f : Fault.values()) {
      served.put(f, new AtomicInteger());
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void inject(boolean on) {
    injecting = on;
  }

  Map<Fault, Integer> served() {
    Map<Fault, Integer> out = new EnumMap<>(Fault.class);
    served.forEach((f, n) -> out.put(f, n.get()));
    return out;
  }

  int passedThrough() {
    return passed.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      boolean json = ex.getRequestHeaders().getFirst("X-Amz-Target") != null;
      if (injecting) {
        Fault f = Fault.values()[Math.floorMod(next.getAndIncrement(), Fault.values().length)];
        served.get(f).incrementAndGet();
        answer(ex, f, json);
        return;
      }
      passed.incrementAndGet();
      HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()))
          .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          values.forEach(v -> forward.header(name, v));
        }
      });
      HttpResponse<byte[]> r;
      try {
        r = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      r.headers().map().forEach((name, values) -> {
        if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
          ex.getResponseHeaders().put(name, List.copyOf(values));
        }
      });
      send(ex, r.statusCode(), r.body());
    }
  }

  private static void answer(HttpExchange ex, Fault f, boolean json) throws IOException {
    String type = json ? "application/x-amz-json-1.1" : "text/xml";
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("x-amzn-RequestId", "fault-" + f.name().toLowerCase(java.util.Locale.ROOT));
    switch (f) {
      case GARBAGE -> send(ex, 200, json ? "{\"events\": [{\"timestamp\": \"soon\", \u0000" : "<GetMetricDataResponse><Metric\u0000");
      case WRONG_SHAPE -> send(ex, 200, json ? "{\"events\": \"not a list\", \"nextToken\": {\"a\": 1}}"
          : "<?xml version=\"1.0\"?><html><body>502 Bad Gateway</body></html>");
      case THROTTLING -> {
        if (json) {
          ex.getResponseHeaders().set("x-amzn-ErrorType", "ThrottlingException");
          send(ex, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
        } else {
          send(ex, 400, "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
              + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault</RequestId></ErrorResponse>");
        }
      }
      case TOO_MANY_REQUESTS -> send(ex, 429, "Too Many Requests");
      case INTERNAL_ERROR -> send(ex, 500, "Internal Server Error");
      case UNAVAILABLE -> send(ex, 503, "Service Unavailable");
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package io.watchstream.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server that answers like Slack, for tests that drive the official Slack Java SDK.
 *
 * <p>Point the SDK at it with {@code SlackConfig#setMethodsEndpointUrlPrefix(standIn.apiUrlPrefix())}; use
 * {@link #webhookUrl(String)} as an incoming-webhook URL. It speaks:
 * <ul>
 *   <li>{@code chat.postMessage}: {@code {"ok":true,"channel":<requested channel>,"ts":<new unique ts>,"message":{...}}}</li>
 *   <li>{@code chat.update}: {@code {"ok":true,"channel":..,"ts":<the ts given>,"text":..}}</li>
 *   <li>{@code auth.test}: ok with a fixed team and user; any other method: {@code {"ok":false,"error":"unknown_method"}}
 *       unless an answer was set with {@link #answer(String, String)}</li>
 *   <li>{@code POST /webhook/...}: {@code 200 ok} (plain text, as Slack answers)</li>
 * </ul>
 *
 * <p>Every request is recorded in arrival order ({@link #requests()}), including the ones answered with a
 * programmed fault: {@link #failNext(int, int)} answers the next n requests with an HTTP error status,
 * {@link #throttleNext(int, int)} with 429 and {@code Retry-After}. Faults never hit {@code auth.test}, which
 * the SDK sends by itself when its stats are on; build the SDK with {@code SlackConfig#setStatsEnabled(false)}
 * so that no such call appears among the recorded requests either. Thread-safe.
 */
public final class SlackStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, String> answers = new LinkedHashMap<>();
  private final AtomicLong tsSequence = new AtomicLong();

  private record Fault(int status, Optional<Integer> retryAfterSeconds) {
  }

  private SlackStandIn(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the stand-in on a free loopback port. */
  public static SlackStandIn start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "slack-stand-in");
        thread.setDaemon(true);
        return thread;
      });
      SlackStandIn standIn = new SlackStandIn(server, executor);
      server.createContext("/", standIn::handle);
      server.setExecutor(executor);
      server.start();
      ProcessReaper.closeAtExit(standIn);
      System.out.println("[sandbox] Slack stand-in up at " + standIn.baseUrl());
      return standIn;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the Slack stand-in", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/api/}, for {@code SlackConfig#setMethodsEndpointUrlPrefix}. */
  public String apiUrlPrefix() {
    return baseUrl() + "/api/";
  }

  /** An incoming-webhook URL on the stand-in, {@code http://127.0.0.1:PORT/webhook/<name>}. */
  public String webhookUrl(String name) {
    return baseUrl() + "/webhook/" + name;
  }

  /** Every request received so far, in arrival order. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The requests for one Web API method ({@code "chat.postMessage"}) or one path ({@code "/webhook/alerts"});
   * a value ending in {@code /} matches every path below it ({@code "/webhook/"}).
   */
  public synchronized List<RecordedRequest> requests(String methodPath) {
    return requests.stream().filter(request -> matches(request, methodPath)).toList();
  }

  /** Waits until at least {@code n} requests have arrived and returns all of them; fails after {@code timeout}. */
  public List<RecordedRequest> awaitRequests(int n, Duration timeout) {
    return awaitRequests(null, n, timeout);
  }

  /** Waits until at least {@code n} requests for {@code methodPath} have arrived; see {@link #requests(String)}. */
  public synchronized List<RecordedRequest> awaitRequests(String methodPath, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<RecordedRequest> matching = methodPath == null ? List.copyOf(requests) : requests(methodPath);
      if (matching.size() >= n) {
        return matching;
      }
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis <= 0) {
        throw new AssertionError("Expected " + n + " Slack request(s)" + (methodPath == null ? "" : " to " + methodPath)
            + " within " + timeout + " but got " + matching.size() + ": " + summary(matching));
      }
      try {
        wait(remainingMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Slack requests", e);
      }
    }
  }

  /** Answers the next {@code n} requests (any path) with HTTP {@code status}, e.g. 500 or 503. */
  public synchronized void failNext(int n, int status) {
    for (int i = 0; i < n; i++) {
      faults.add(new Fault(status, Optional.empty()));
    }
  }

  /** Answers the next {@code n} requests with 429 Too Many Requests and {@code Retry-After: retryAfterSeconds}. */
  public synchronized void throttleNext(int n, int retryAfterSeconds) {
    for (int i = 0; i < n; i++) {
      faults.add(new Fault(429, Optional.of(retryAfterSeconds)));
    }
  }

  /** Answers every call of a Web API method with the given JSON body (200), instead of the built-in answer. */
  public synchronized void answer(String apiMethod, String jsonBody) {
    answers.put(apiMethod, jsonBody);
  }

  /** Forgets recorded requests, pending faults and custom answers. */
  public synchronized void reset() {
    requests.clear();
    faults.clear();
    answers.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    ProcessReaper.forget(this);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Instant receivedAt = Instant.now();
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String contentType = headers.getOrDefault("content-type", List.of("")).get(0);
      Map<String, String> form = new LinkedHashMap<>();
      if (contentType.startsWith("application/x-www-form-urlencoded")) {
        form.putAll(parseForm(body));
      }
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null) {
        parseForm(query).forEach(form::putIfAbsent);
      }
      Optional<JsonNode> json = parseJson(body);
      String methodPath = path.startsWith("/api/") ? path.substring("/api/".length()) : path;

      Response response;
      synchronized (this) {
        // The SDK calls auth.test on its own (team id for its metrics) at unpredictable moments; letting that
        // call consume a programmed fault would make fault tests flaky, so faults skip it.
        Fault fault = "auth.test".equals(methodPath) ? null : faults.poll();
        if (fault != null) {
          response = faultResponse(fault);
        } else {
          response = answer(methodPath, path, form, json);
        }
        requests.add(new RecordedRequest(exchange.getRequestMethod(), path, methodPath, Map.copyOf(headers), body,
            Map.copyOf(form), json, receivedAt, response.status()));
        notifyAll();
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private record Response(int status, String contentType, String body, Map<String, String> headers) {
    static Response json(String body) {
      return new Response(200, "application/json; charset=utf-8", body, Map.of());
    }
  }

  private static Response faultResponse(Fault fault) {
    if (fault.status() == 429) {
      return new Response(429, "application/json; charset=utf-8", "{\"ok\":false,\"error\":\"ratelimited\"}",
          Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds().orElse(1))));
    }
    return new Response(fault.status(), "text/plain; charset=utf-8", "stand-in fault " + fault.status(), Map.of());
  }

  private Response answer(String methodPath, String path, Map<String, String> form, Optional<JsonNode> json) {
    if (path.startsWith("/webhook/")) {
      return new Response(200, "text/html", "ok", Map.of());
    }
    if (!path.startsWith("/api/")) {
      return new Response(404, "text/plain; charset=utf-8", "no_service", Map.of());
    }
    if (answers.containsKey(methodPath)) {
      return Response.json(answers.get(methodPath));
    }
    ObjectNode reply = JSON.createObjectNode();
    switch (methodPath) {
      case "chat.postMessage" -> {
        String channel = param("channel", form, json).orElse("C0STANDIN");
        String ts = nextTs();
        reply.put("ok", true).put("channel", channel).put("ts", ts);
        ObjectNode message = reply.putObject("message");
        message.put("type", "message").put("user", "U0STANDIN").put("ts", ts)
            .put("text", param("text", form, json).orElse(""));
      }
      case "chat.update" -> {
        String text = param("text", form, json).orElse("");
        reply.put("ok", true)
            .put("channel", param("channel", form, json).orElse("C0STANDIN"))
            .put("ts", param("ts", form, json).orElse(nextTs()))
            .put("text", text);
        reply.putObject("message").put("type", "message").put("user", "U0STANDIN").put("text", text);
      }
      case "auth.test" -> reply.put("ok", true).put("url", baseUrl() + "/").put("team", "stand-in")
          .put("user", "watchstream").put("team_id", "T0STANDIN").put("user_id", "U0STANDIN");
      default -> reply.put("ok", false).put("error", "unknown_method");
    }
    return Response.json(reply.toString());
  }

  private String nextTs() {
    // Slack ts values are "<epoch seconds>.<6 digits>" and unique per channel; a sequence keeps them unique.
    long sequence = tsSequence.incrementAndGet();
    return (Instant.now().getEpochSecond()) + "." + String.format(Locale.ROOT, "%06d", sequence % 1_000_000);
  }

  private static Optional<String> param(String name, Map<String, String> form, Optional<JsonNode> json) {
    if (form.containsKey(name)) {
      return Optional.of(form.get(name));
    }
    return json.map(node -> node.get(name)).filter(JsonNode::isValueNode).map(JsonNode::asText);
  }

  private static boolean matches(RecordedRequest request, String methodPath) {
    if (methodPath.endsWith("/")) {
      return request.path().startsWith(methodPath);
    }
    return request.methodPath().equals(methodPath) || request.path().equals(methodPath);
  }

  private static String summary(List<RecordedRequest> requests) {
    return requests.stream().map(r -> r.httpMethod() + " " + r.path() + " -> " + r.status()).toList().toString();
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    return form;
  }

  private static Optional<JsonNode> parseJson(String body) {
    String trimmed = body.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(trimmed));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

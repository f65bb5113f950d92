package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's classification of registry answers: unreachable and "not now" answers are waited out (the
 * outage is visible meanwhile), definite answers surface at once, and close ends a wait. The registry here
 * is a scripted HTTP server: these tests are about the client's own decisions, not the registry's.
 */
class HttpSchemaRegistryClientTest {

  private static final Schema SCHEMA = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
  private static final RegistryRetryPolicy FAST = new RegistryRetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 0);

  private HttpServer server;
  private final ConcurrentLinkedQueue<int[]> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** Answers each call with the next scripted status (then 200 {"id":7}); body {"error_code": code}. */
  private String scriptedRegistry(int[]... answers) throws IOException {
    script.addAll(java.util.List.of(answers));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      calls.incrementAndGet();
      int[] next = script.poll();
      int status = next == null ? 200 : next[0];
      String body = next == null ? "{\"id\":7}" : "{\"error_code\":" + next[1] + ",\"message\":\"scripted\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void fiveHundredsAreWaitedOutAndTheCallSucceedsWhenTheRegistryAnswers() throws IOException {
    var client = new HttpSchemaRegistryClient(scriptedRegistry(new int[] {503, 50301}, new int[] {500, 50001},
        new int[] {429, 42901}), FAST);
    assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
    assertThat(calls).hasValue(4);
    assertThat(client.outage().orElseThrow().current()).isEmpty();
    assertThat(client.outage().orElseThrow().outagesSeen()).isEqualTo(1);
  }

  @Test
  void anUnknownSchemaIdIsADefiniteAnswerAndIsNotRetried() throws IOException {
    var client = new HttpSchemaRegistryClient(scriptedRegistry(new int[] {404, 40403}), FAST);
    assertThatThrownBy(() -> client.getById(99)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
      assertThat(e.isUnavailable()).isFalse();
      assertThat(e.errorCode()).isEqualTo(40403);
    });
    assertThat(calls).hasValue(1);
  }

  @Test
  void anIncompatibleSchemaIsADefiniteAnswerAndIsNotRetried() throws IOException {
    var client = new HttpSchemaRegistryClient(scriptedRegistry(new int[] {409, 409}), FAST);
    assertThatThrownBy(() -> client.register("t-value", SCHEMA)).isInstanceOfSatisfying(SchemaRegistryException.class,
        e -> assertThat(e.isIncompatible()).isTrue());
    assertThat(calls).hasValue(1);
  }

  @Test
  void anUnreachableRegistryIsWaitedOnVisiblyUntilTheClientIsClosed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    var client = new HttpSchemaRegistryClient("http://127.0.0.1:" + port, FAST);
    CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> client.register("t-value", SCHEMA));
    RegistryOutage outage = client.outage().orElseThrow();
    await().atMost(Duration.ofSeconds(30)).until(() -> outage.current().isPresent());
    assertThat(outage.current().orElseThrow().lastError()).contains("unreachable");
    assertThat(call).isNotDone();

    client.close();
    await().atMost(Duration.ofSeconds(30)).until(call::isDone);
    assertThat(call).isCompletedExceptionally();
    assertThatThrownBy(call::join).hasCauseInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(SchemaRegistryException.isRegistryUnavailable(e)).isTrue());
    assertThat(outage.current()).isEmpty();
  }

  @Test
  void cancellingWaitsEndsTheWaitingCallsOnlyAndTheClientStaysUsable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var client = new HttpSchemaRegistryClient("http://127.0.0.1:" + port, FAST);
    CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> client.register("t-value", SCHEMA));
    await().atMost(Duration.ofSeconds(30)).until(() -> client.outage().orElseThrow().current().isPresent());
    client.cancelWaits();
    await().atMost(Duration.ofSeconds(30)).until(call::isDone);
    assertThatThrownBy(call::join).satisfies(e -> assertThat(SchemaRegistryException.isRegistryUnavailable(e)).isTrue());

    CompletableFuture<Integer> later = CompletableFuture.supplyAsync(() -> client.register("t-value", SCHEMA));
    await().atMost(Duration.ofSeconds(30)).until(() -> client.outage().orElseThrow().current().isPresent());
    assertThat(later).as("a call after the cancel waits again").isNotDone();
    client.close();
    await().atMost(Duration.ofSeconds(30)).until(later::isDone);
  }

  @Test
  void aBoundedPolicyGivesUpAfterItsAttempts() throws IOException {
    var client = new HttpSchemaRegistryClient(scriptedRegistry(new int[] {503, 1}, new int[] {503, 1}, new int[] {503, 1}),
        new RegistryRetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 2));
    assertThatThrownBy(() -> client.register("t-value", SCHEMA)).isInstanceOfSatisfying(SchemaRegistryException.class,
        e -> assertThat(e.isUnavailable()).isTrue());
    assertThat(calls).hasValue(2);
  }

  @Test
  void backoffDoublesUpToItsCap() {
    var policy = new RegistryRetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), 0);
    assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoffAfter(7)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.backoffAfter(1_000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.mayRetryAfter(Integer.MAX_VALUE)).isTrue();
  }

  @Test
  void retriableStatusesAreNoAnswerFiveHundredsTimeoutsAndThrottling() {
    assertThat(RegistryRetryPolicy.isRetriable(-1)).isTrue();
    assertThat(RegistryRetryPolicy.isRetriable(500)).isTrue();
    assertThat(RegistryRetryPolicy.isRetriable(503)).isTrue();
    assertThat(RegistryRetryPolicy.isRetriable(408)).isTrue();
    assertThat(RegistryRetryPolicy.isRetriable(429)).isTrue();
    assertThat(RegistryRetryPolicy.isRetriable(404)).isFalse();
    assertThat(RegistryRetryPolicy.isRetriable(409)).isFalse();
    assertThat(RegistryRetryPolicy.isRetriable(422)).isFalse();
    assertThat(RegistryRetryPolicy.isRetriable(401)).isFalse();
  }

  @Test
  void credentialsInTheUrlNeverReachLogsOrErrors() {
    assertThat(HttpSchemaRegistryClient.withoutUserInfo("https://user:s3cret@registry:8081/apis"))
        .isEqualTo("https://registry:8081/apis");
    assertThat(HttpSchemaRegistryClient.withoutUserInfo("http://127.0.0.1:8081")).isEqualTo("http://127.0.0.1:8081");
  }
}

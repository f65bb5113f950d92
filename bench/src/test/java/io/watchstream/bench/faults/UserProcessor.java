package io.watchstream.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorOpsConfig;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor as users run it — {@link ProcessorApp} with its own handlers, start-up registration, health and
 * metrics endpoints (on a free port) and its own registry client — on a fault test's prefixed topics. Start-up
 * runs on a background thread because it waits for the registry when the registry is away. Records every
 * Kafka Streams state the client passes through.
 */
final class UserProcessor implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final ProcessorApp app;
  final List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
  final CompletableFuture<Void> started;

  private UserProcessor(ProcessorApp app) {
    this.app = app;
    app.streams().setStateListener((now, before) -> states.add(now));
    this.started = CompletableFuture.runAsync(() -> {
      try {
        app.start();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static UserProcessor start(String bootstrap, String registryUrl, String prefix, Path stateDir) {
    ProcessorConfig config = new ProcessorConfig(new ProcessorConfig.Kafka(bootstrap, registryUrl, prefix + "app", stateDir,
        null, null, null), null, null, null, ProcessorOpsConfig.onPort(0));
    Topics topics = new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(registryUrl));
    return new UserProcessor(new ProcessorApp(config, topics));
  }

  /** {@code GET /health}: status (UP, DEGRADED, DOWN) and reasons; null while the endpoint is not up yet. */
  JsonNode health() {
    return get("/health");
  }

  String status() {
    JsonNode h = health();
    return h == null ? "" : h.path("status").asText();
  }

  boolean hasReason(String fragment) {
    JsonNode h = health();
    if (h == null) {
      return false;
    }
    for (JsonNode r : h.path("reasons")) {
      if (r.asText().contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  boolean ready() {
    JsonNode h = health();
    return h != null && h.path("ready").asBoolean();
  }

  String metrics() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private JsonNode get(String path) {
    int port = app.httpPort();
    if (port < 0) {
      return null;
    }
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void close() {
    app.close();
  }
}

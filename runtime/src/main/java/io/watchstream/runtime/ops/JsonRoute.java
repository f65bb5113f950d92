package io.watchstream.runtime.ops;

import java.util.Map;
import java.util.Objects;

/**
 * An extra read-only {@code GET} route of the {@link OpsServer} answering JSON, e.g. the processor's {@code /state}
 * and {@code /rules}. The handler gets the query parameters (decoded, first value per name) and returns what Jackson
 * writes as the body (a record, a list, a map); when it throws, the route answers 503 with
 * {@code {"error":"<unavailable>: <message>"}}, e.g. while Kafka Streams rebalances and its stores cannot be queried.
 */
public record JsonRoute(String path, String unavailable, Handler handler) {

  @FunctionalInterface
  public interface Handler {
    Object respond(Map<String, String> query) throws Exception;
  }

  public JsonRoute {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(unavailable, "unavailable");
    Objects.requireNonNull(handler, "handler");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path starts with /, got " + path);
    }
  }

  /** A route whose failure answers {@code "<path> not available now: <message>"}. */
  public static JsonRoute of(String path, Handler handler) {
    return new JsonRoute(path, path.substring(1) + " not available now", handler);
  }
}

package io.watchstream.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request received by the {@link SlackStandIn}, in arrival order.
 *
 * @param httpMethod  GET, POST, ...
 * @param path        the request path, e.g. {@code /api/chat.postMessage} or {@code /webhook/alerts}
 * @param methodPath  the Slack Web API method for {@code /api/...} calls ({@code chat.postMessage}), else the path
 * @param headers     request headers, names in lower case
 * @param body        the raw body as UTF-8 text
 * @param form        the body parsed as {@code application/x-www-form-urlencoded} (empty map otherwise)
 * @param json        the body parsed as JSON, when it is JSON
 * @param receivedAt  when the stand-in received it
 * @param status      the HTTP status the stand-in answered (500 or 429 when a fault was programmed)
 */
public record RecordedRequest(String httpMethod, String path, String methodPath, Map<String, List<String>> headers,
               String body, Map<String, String> form, Optional<JsonNode> json, Instant receivedAt,
               int status) {

  /** The first value of a header (case-insensitive name), if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A parameter from the form body, or else a top-level text field of the JSON body. */
  public Optional<String> param(String name) {
    if (form.containsKey(name)) {
      return Optional.of(form.get(name));
    }
    return json.map(node -> node.get(name)).filter(node -> node != null && !node.isNull())
        .map(node -> node.isTextual() ? node.asText() : node.toString());
  }

  /** True when the stand-in answered 2xx (no fault was injected for this request). */
  public boolean answeredOk() {
    return status / 100 == 2;
  }
}

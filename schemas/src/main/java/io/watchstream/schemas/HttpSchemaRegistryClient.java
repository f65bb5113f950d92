package io.watchstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema-registry client speaking the Confluent Schema Registry REST API, so it works unchanged against
 * Confluent Schema Registry, Apicurio's {@code /apis/ccompat/v7}, Karapace and Redpanda.
 *
 * <p>Ids and schemas are cached for the life of the client: a registered (subject, schema) pair and an id
 * never change meaning in a registry. Transport errors and 5xx answers are retried with exponential
 * backoff; 4xx answers are not (they will not get better) and surface with the registry's own message.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  public HttpSchemaRegistryClient(String baseUrl) {
    this(baseUrl, 5, Duration.ofMillis(200));
  }

  public HttpSchemaRegistryClient(String baseUrl, int maxAttempts, Duration initialBackoff) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public int register(String subject, Schema schema) {
    String cacheKey = subject + '\u0000' + schema.toString();
    Integer cached = idsBySubjectAndSchema.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + encode(subject) + "/versions"))
        .header("Content-Type", CONTENT_TYPE)
        .header("Accept", CONTENT_TYPE)
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    JsonNode answer = send(request, "register schema under subject '" + subject + "'");
    int id = answer.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException("Schema registry " + baseUrl + " answered a register call for subject '"
          + subject + "' without an id: " + answer, 200, -1, null);
    }
    idsBySubjectAndSchema.put(cacheKey, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id))
        .header("Accept", CONTENT_TYPE)
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
    JsonNode answer = send(request, "fetch schema id " + id);
    String text = answer.path("schema").asText(null);
    if (text == null) {
      throw new SchemaRegistryException("Schema registry " + baseUrl + " returned no schema text for id " + id, 200, -1, null);
    }
    Schema schema = new Schema.Parser().parse(text);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous == null ? schema : previous;
  }

  /** Sets the compatibility level of a subject (BACKWARD, FORWARD, FULL, NONE, ...). */
  public void setCompatibility(String subject, String level) {
    String body = JSON.createObjectNode().put("compatibility", level).toString();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/config/" + encode(subject)))
        .header("Content-Type", CONTENT_TYPE)
        .header("Accept", CONTENT_TYPE)
        .timeout(Duration.ofSeconds(10))
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
    send(request, "set compatibility of subject '" + subject + "' to " + level);
  }

  private JsonNode send(HttpRequest request, String what) {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return JSON.readTree(response.body());
        }
        JsonNode error = parseQuietly(response.body());
        int errorCode = error.path("error_code").asInt(-1);
        String message = error.path("message").asText(response.body());
        if (status >= 500 && attempt < maxAttempts) {
          log.warn("Schema registry {} answered {} to '{}' (attempt {}/{}), retrying in {} ms",
              baseUrl, status, what, attempt, maxAttempts, backoff.toMillis());
        } else {
          throw new SchemaRegistryException("Schema registry " + baseUrl + " refused to " + what + ": HTTP " + status
              + (errorCode >= 0 ? " error_code " + errorCode : "") + ": " + message, status, errorCode, null);
        }
      } catch (IOException e) {
        if (attempt >= maxAttempts) {
          throw new SchemaRegistryException("Schema registry " + baseUrl + " unreachable while trying to " + what
              + " after " + attempt + " attempts: " + e, -1, -1, e);
        }
        log.warn("Schema registry {} unreachable for '{}' (attempt {}/{}): {}; retrying in {} ms",
            baseUrl, what, attempt, maxAttempts, e.toString(), backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted while trying to " + what, -1, -1, e);
      }
      sleep(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Interrupted during registry retry backoff", -1, -1, e);
    }
  }

  private static JsonNode parseQuietly(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }
}

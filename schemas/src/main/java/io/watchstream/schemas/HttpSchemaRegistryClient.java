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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema-registry client speaking the Confluent Schema Registry REST API, so it works unchanged against
 * Confluent Schema Registry, Apicurio's {@code /apis/ccompat/v7}, Karapace and Redpanda.
 *
 * <p>Ids and schemas are cached for the life of the client: a registered (subject, schema) pair and an id
 * never change meaning in a registry. An unreachable registry and "not now" answers (5xx, 408, 429) are
 * retried with capped exponential backoff as {@link RegistryRetryPolicy} says — by default for as long as the
 * outage lasts, so a record is never skipped or dead-lettered because the registry was away; any other 4xx
 * is a definite answer and surfaces at once with the registry's own message. While a call waits,
 * {@link #outage()} says so (health, metrics). {@link #cancelWaits()} (a service stopping) and {@link #close()}
 * end the waits: waiting calls throw a {@link SchemaRegistryException} that
 * {@linkplain SchemaRegistryException#isUnavailable() is "unavailable"}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String displayUrl;
  private final HttpClient http;
  private final RegistryRetryPolicy retry;
  private final RegistryAccess access;
  private final RegistryOutage outage = new RegistryOutage();
  private final Object waits = new Object();
  private volatile boolean closed;
  private volatile long cancelled; // generation: calls waiting when it moves on give up
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /** A client that waits out any registry outage ({@link RegistryRetryPolicy#untilAvailable()}). */
  public HttpSchemaRegistryClient(String baseUrl) {
    this(baseUrl, RegistryRetryPolicy.untilAvailable());
  }

  /** A client that gives up after {@code maxAttempts} attempts (one-shot tools). */
  public HttpSchemaRegistryClient(String baseUrl, int maxAttempts, Duration initialBackoff) {
    this(baseUrl, RegistryRetryPolicy.attempts(maxAttempts, initialBackoff));
  }

  public HttpSchemaRegistryClient(String baseUrl, RegistryRetryPolicy retry) {
    this(baseUrl, retry, RegistryAccess.NONE);
  }

  /** With credentials and TLS trust ({@link RegistryAccess}): every request carries them. */
  public HttpSchemaRegistryClient(String baseUrl, RegistryRetryPolicy retry, RegistryAccess access) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.displayUrl = withoutUserInfo(this.baseUrl);
    this.retry = retry;
    this.access = access;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (access.sslContext() != null) {
      builder.sslContext(access.sslContext());
    }
    this.http = builder.build();
  }

  /** Whether a call is waiting on the registry now, since when and why. */
  @Override
  public Optional<RegistryOutage> outage() {
    return Optional.of(outage);
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
      throw new SchemaRegistryException("Schema registry " + displayUrl + " answered a register call for subject '"
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
      throw new SchemaRegistryException("Schema registry " + displayUrl + " returned no schema text for id " + id, 200, -1, null);
    }
    Schema schema = new Schema.Parser().parse(text);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous == null ? schema : previous;
  }

  @Override
  public Optional<Integer> prefetchLatest(String subject) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + encode(subject) + "/versions/latest"))
        .header("Accept", CONTENT_TYPE)
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
    JsonNode answer;
    try {
      answer = send(request, "fetch the latest schema of subject '" + subject + "'");
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty(); // nothing written under this subject yet
      }
      throw e;
    }
    int id = answer.path("id").asInt(-1);
    String text = answer.path("schema").asText(null);
    if (id < 0 || text == null) {
      return Optional.empty();
    }
    schemasById.putIfAbsent(id, new Schema.Parser().parse(text));
    return Optional.of(id);
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
    boolean waiting = false;
    long generation = cancelled;
    try {
      for (int attempt = 1; ; attempt++) {
        if (closed) {
          throw new SchemaRegistryException("Schema registry client closed while trying to " + what, -1, -1, null);
        }
        String failure;
        int status;
        try {
          HttpResponse<String> response = http.send(authorized(request), HttpResponse.BodyHandlers.ofString());
          status = response.statusCode();
          if (status / 100 == 2) {
            return JSON.readTree(response.body());
          }
          JsonNode error = parseQuietly(response.body());
          int errorCode = error.path("error_code").asInt(-1);
          String message = error.path("message").asText(response.body());
          failure = "HTTP " + status + (errorCode >= 0 ? " error_code " + errorCode : "") + ": " + message;
          if (status == 401 || status == 403) {
            // credentials do not get better by waiting: say so at once, naming who we claimed to be
            throw new SchemaRegistryException("Schema registry " + displayUrl + (status == 401
                ? " rejected the credentials (" + access.identity() + ", HTTP 401)"
                : " refused access for " + access.identity() + " (HTTP 403)") + " while trying to " + what
                + "; check kafka.registry (basicAuth, bearerToken) or WATCHSTREAM_SCHEMA_REGISTRY_USERNAME/_PASSWORD/_BEARER_TOKEN",
                status, errorCode, null);
          }
          if (!RegistryRetryPolicy.isRetriable(status) || !retry.mayRetryAfter(attempt)) {
            throw new SchemaRegistryException("Schema registry " + displayUrl + " refused to " + what + ": " + failure,
                status, errorCode, null);
          }
        } catch (IOException e) {
          if (certificateRefused(e)) {
            // a certificate we do not trust stays untrusted: a configuration problem, not an outage
            throw new SchemaRegistryException("Schema registry " + displayUrl + ": the TLS handshake failed while trying to "
                + what + " (" + e.getMessage() + "); check kafka.registry.caFile or WATCHSTREAM_SCHEMA_REGISTRY_CA_FILE",
                0, -1, e); // status 0: no HTTP answer, and not "unavailable" (waiting would not help)
          }
          status = -1;
          failure = "unreachable: " + e;
          if (!retry.mayRetryAfter(attempt)) {
            throw new SchemaRegistryException("Schema registry " + displayUrl + " unreachable while trying to " + what
                + " after " + attempt + " attempts: " + e, -1, -1, e);
          }
        }
        if (!waiting) {
          waiting = true;
          outage.began(failure);
        } else {
          outage.failedAgain(failure);
        }
        Duration backoff = retry.backoffAfter(attempt);
        log.warn("Schema registry {} {} to '{}' (attempt {}); waiting for it, next attempt in {} ms",
            displayUrl, status < 0 ? "unreachable" : "answered " + status, what, attempt, backoff.toMillis());
        long until = System.nanoTime() + backoff.toNanos();
        synchronized (waits) {
          for (long left = backoff.toNanos(); left > 0 && !closed && cancelled == generation; left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(waits, left);
          }
        }
        if (closed || cancelled != generation) {
          throw new SchemaRegistryException("Schema registry client stopped waiting to " + what
              + (closed ? " (closed)" : " (waits cancelled)"), -1, -1, null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Interrupted while trying to " + what, -1, -1, e);
    } finally {
      if (waiting) {
        outage.ended();
        log.info("Schema registry {} answered '{}' again", displayUrl, what);
      }
    }
  }

  /**
   * A TLS failure because of the certificate (untrusted, wrong host name), as opposed to a handshake cut short by a
   * restarting proxy, which is an outage to wait out.
   */
  private static boolean certificateRefused(IOException e) {
    if (!(e instanceof javax.net.ssl.SSLException)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private HttpRequest authorized(HttpRequest request) {
    if (access.authorization() == null) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", access.authorization()).build();
  }

  /** Ends the waits of the calls waiting now (they throw an "unavailable" exception); later calls work as before. */
  @Override
  public void cancelWaits() {
    synchronized (waits) {
      cancelled++;
      waits.notifyAll();
    }
  }

  /** Ends every wait on the registry and makes every later call that needs the registry fail; cached ids stay usable. */
  @Override
  public void close() {
    synchronized (waits) {
      closed = true;
      waits.notifyAll();
    }
  }

  private static JsonNode parseQuietly(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The URL as it may appear in logs and errors: any {@code user:password@} part removed. */
  static String withoutUserInfo(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }
}

package io.watchstream.processor.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code /state} and {@code /rules} answered for the whole application by any instance: the instance asks every
 * other instance that Kafka Streams' metadata lists ({@code application.server} of each), at the same time, for the
 * part it holds ({@code ?scope=local}), and merges the answers with its own. Each row names the instance that holds
 * it; the answer names the instance that answered, every instance asked, and whether all of them answered
 * ({@code complete}), so an instance that is down or rebalancing shows as such instead of its series silently
 * missing.
 *
 * <p>Every instance is asked rather than only the owner of one key: the stores are keyed by the series' instance
 * key while partitions follow the Avro-encoded record key, so a store key alone does not tell the partition.
 */
final class ClusterQueries {

  /** What one instance said: its rows, or why it could not be asked. */
  record InstanceAnswer(String instance, boolean ok, int rows, String error) {}

  /** The merged answer of {@code /state} or {@code /rules}. */
  record Answer(String answeredBy, boolean complete, List<InstanceAnswer> instances, List<Map<String, Object>> rows) {}

  static final String SCOPE = "scope";
  static final String LOCAL = "local";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HostInfo self;
  private final Supplier<Set<HostInfo>> instances;
  private final HttpClient client;
  private final Duration timeout;

  /** {@code instances}: every instance of the application now, this one included (Kafka Streams' metadata). */
  ClusterQueries(HostInfo self, Supplier<Set<HostInfo>> instances, Duration timeout) {
    this.self = self;
    this.instances = instances;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * The rows of {@code path} from every instance: this one's from {@code local}, the others' over HTTP. With
   * {@code scope=local} in {@code query}, only this instance's (how instances ask each other).
   */
  Object answer(String path, Map<String, String> query, Function<Map<String, String>, List<Map<String, Object>>> local) {
    return answer(path, query, local, rows -> rows);
  }

  /** As above, the merged rows passed through {@code merge} (rows that every instance holds alike, merged). */
  Object answer(String path, Map<String, String> query, Function<Map<String, String>, List<Map<String, Object>>> local,
      Function<List<Map<String, Object>>, List<Map<String, Object>>> merge) {
    String me = name(self);
    List<Map<String, Object>> own = tagged(local.apply(query), me);
    if (LOCAL.equals(query.get(SCOPE))) {
      return own;
    }
    Set<String> peers = new TreeSet<>();
    for (HostInfo h : instances.get()) {
      if (!h.equals(self) && h.port() > 0) {
        peers.add(name(h));
      }
    }
    Map<String, CompletableFuture<List<Map<String, Object>>>> asked = new LinkedHashMap<>();
    for (String peer : peers) {
      asked.put(peer, ask(peer, path, query));
    }
    List<InstanceAnswer> answers = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>(own);
    answers.add(new InstanceAnswer(me, true, own.size(), null));
    boolean complete = true;
    for (Map.Entry<String, CompletableFuture<List<Map<String, Object>>>> a : asked.entrySet()) {
      try {
        List<Map<String, Object>> theirs = tagged(a.getValue().join(), a.getKey());
        rows.addAll(theirs);
        answers.add(new InstanceAnswer(a.getKey(), true, theirs.size(), null));
      } catch (RuntimeException e) {
        complete = false;
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        answers.add(new InstanceAnswer(a.getKey(), false, 0, cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
      }
    }
    return new Answer(me, complete, answers, merge.apply(rows));
  }

  private CompletableFuture<List<Map<String, Object>>> ask(String peer, String path, Map<String, String> query) {
    StringBuilder uri = new StringBuilder("http://").append(peer).append(path).append('?').append(SCOPE).append('=').append(LOCAL);
    query.forEach((k, v) -> {
      if (!SCOPE.equals(k)) {
        uri.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(timeout).GET().build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body().strip());
      }
      try {
        return JSON.readValue(r.body(), new TypeReference<List<Map<String, Object>>>() {});
      } catch (java.io.IOException e) {
        throw new IllegalStateException("answered something that is not a list of rows", e);
      }
    });
  }

  private static List<Map<String, Object>> tagged(List<Map<String, Object>> rows, String instance) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> r = new LinkedHashMap<>(row);
      r.put("instance", instance);
      out.add(r);
    }
    return out;
  }

  static String name(HostInfo h) {
    return h.host() + ":" + h.port();
  }
}

package io.watchstream.processor.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.watchstream.processor.eval.AnomalyState;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.LogSeriesState;
import io.watchstream.processor.eval.SeriesState;
import io.watchstream.processor.topology.DegradedRules;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.processor.topology.RuleEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only HTTP view of this instance's state (interactive queries):
 * <ul>
 *   <li>{@code GET /state} — every (rule, series) held here: alarm state, since when, and the reason of
 *       the last evaluation (optional {@code ?rule=ID} filter);
 *   <li>{@code GET /rules} — rules in force with version and source, and any rejected record;
 *   <li>{@code GET /health} — the Kafka Streams state.
 * </ul>
 * With several instances each shows the partitions it owns.
 */
public final class StateQueryServer implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final HttpServer server;
  private final KafkaStreams streams;
  private final DegradedRules degraded;

  public StateQueryServer(KafkaStreams streams, int port) throws IOException {
    this(streams, port, new DegradedRules());
  }

  /** {@code degraded}: the rules our code failed on, shown with each rule in {@code /rules}. */
  public StateQueryServer(KafkaStreams streams, int port, DegradedRules degraded) throws IOException {
    this.streams = streams;
    this.degraded = degraded;
    this.server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
    server.createContext("/state", ex -> respond(ex, () -> state(query(ex, "rule"))));
    server.createContext("/rules", ex -> respond(ex, this::rules));
    server.createContext("/health", ex -> respond(ex, () -> Map.of("state", streams.state().toString())));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private interface Body {
    Object get() throws Exception;
  }

  private static String query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getQuery();
    if (q == null) {
      return null;
    }
    for (String part : q.split("&")) {
      if (part.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(part.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void respond(HttpExchange ex, Body body) throws IOException {
    int status = 200;
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body.get());
    } catch (Exception e) {
      status = 503;
      bytes = JSON.writeValueAsBytes(Map.of("error", "state not queryable now: " + e.getMessage()));
    }
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }

  private List<Map<String, Object>> state(String ruleFilter) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (KeyValueIterator<String, InstanceStates> it = this.<InstanceStates>store(ProcessorTopology.METRIC_STATES_STORE).all()) {
      it.forEachRemaining(kv -> {
        for (SeriesState s : kv.value.states) {
          if (ruleFilter == null || ruleFilter.equals(s.ruleId)) {
            out.add(row(s.ruleId, s.ruleVersion, s.seriesKey, s.state.toString(), s.stateSince, s.reason,
                Map.of("evaluatedThrough", time(s.evaluatedThrough), "lateDatapoints", s.lateDatapoints,
                    "periodsHeld", s.buckets.size())));
          }
        }
      });
    }
    try (KeyValueIterator<String, AnomalyState> it = this.<AnomalyState>store(ProcessorTopology.ANOMALY_STATE_STORE).all()) {
      it.forEachRemaining(kv -> {
        AnomalyState s = kv.value;
        if (ruleFilter == null || ruleFilter.equals(s.ruleId)) {
          out.add(row(s.ruleId, s.ruleVersion, s.seriesKey, s.state.toString(), s.stateSince, s.reason,
              Map.of("periodsHeld", s.points.size())));
        }
      });
    }
    try (KeyValueIterator<String, LogSeriesState> it = this.<LogSeriesState>store(ProcessorTopology.LOG_STATE_STORE).all()) {
      it.forEachRemaining(kv -> {
        LogSeriesState s = kv.value;
        if (ruleFilter == null || ruleFilter.equals(s.ruleId)) {
          out.add(row(s.ruleId, s.ruleVersion, s.seriesKey, s.state.toString(), s.stateSince, s.reason,
              Map.of("openWindowStart", time(s.windowStart), "openWindowCount", s.count, "lateLines", s.lateLines)));
        }
      });
    }
    return out;
  }

  private static Map<String, Object> row(String rule, int version, String series, String state, long since, String reason,
      Map<String, Object> detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", rule);
    m.put("ruleVersion", version);
    m.put("series", series);
    m.put("state", state);
    m.put("since", time(since));
    m.put("why", reason);
    m.putAll(detail);
    return m;
  }

  private static String time(long ms) {
    return ms < 0 ? null : Instant.ofEpochMilli(ms).toString();
  }

  /** Each rule entry as stored, plus {@code degraded} (failures, last error, since) for a rule our code failed on. */
  private List<Map<String, Object>> rules() {
    Map<String, DegradedRules.Degradation> failing = degraded.snapshot();
    List<Map<String, Object>> out = new ArrayList<>();
    try (KeyValueIterator<String, RuleEntry> it = this.<RuleEntry>store(ProcessorTopology.RULES_STORE).all()) {
      it.forEachRemaining(kv -> {
        Map<String, Object> entry = JSON.convertValue(kv.value, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        DegradedRules.Degradation d = failing.get(kv.key);
        if (d != null) {
          entry.put("degraded", Map.of("failures", d.failures(), "lastError", d.lastError(),
              "since", d.since().toString(), "last", d.last().toString()));
        }
        out.add(entry);
      });
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

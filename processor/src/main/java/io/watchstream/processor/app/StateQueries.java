package io.watchstream.processor.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.watchstream.processor.eval.AnomalyState;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.LogSeriesState;
import io.watchstream.processor.eval.SeriesState;
import io.watchstream.processor.topology.DegradedRules;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.processor.topology.RuleEntry;
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
 * This instance's part of the ops endpoint's {@code /state} and {@code /rules}, read from its stores (interactive
 * queries): the partitions it owns; {@link ClusterQueries} merges the parts of every instance:
 * <ul>
 *   <li>{@code GET /state} — every (rule, series) held here: alarm state, since when, and the reason of the last
 *       evaluation (optional {@code ?rule=ID} filter);
 *   <li>{@code GET /rules} — rules in force with version and source, and {@code degraded} for a rule our code failed on.
 * </ul>
 * A store that is not queryable now (rebalancing, not started) throws, and the route answers 503.
 */
final class StateQueries {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final KafkaStreams streams;
  private final DegradedRules degraded;

  /** {@code degraded}: the rules our code failed on, shown with each rule in {@code /rules}. */
  StateQueries(KafkaStreams streams, DegradedRules degraded) {
    this.streams = streams;
    this.degraded = degraded;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }

  /** Every (rule, series) held here, optionally of one rule only ({@code ruleFilter} null for all). */
  List<Map<String, Object>> state(String ruleFilter) {
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
          out.add(anomalyRow(s));
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

  /** An anomaly rule's row: the state and why, and the band of the latest datapoint (null while training). */
  static Map<String, Object> anomalyRow(AnomalyState s) {
    Map<String, Object> band = new LinkedHashMap<>();
    Map.Entry<Long, AnomalyState.Point> last = s.points.lastEntry();
    band.put("periodsHeld", s.points.size());
    band.put("lastValue", last == null ? null : last.getValue().value());
    band.put("expected", last == null ? null : last.getValue().expected());
    band.put("lower", last == null ? null : last.getValue().lower());
    band.put("upper", last == null ? null : last.getValue().upper());
    return row(s.ruleId, s.ruleVersion, s.seriesKey, s.state.toString(), s.stateSince, s.reason, band);
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

  /**
   * The rules of every instance's answer as one list: the rules store is global, so every instance lists every rule;
   * {@code degraded} is per instance (where our code failed on the rule), so each rule keeps one entry with the
   * {@code degraded} of every instance it failed on, each naming its instance.
   */
  static List<Map<String, Object>> mergeRules(List<Map<String, Object>> rows) {
    Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      Object instance = row.get("instance");
      Map<String, Object> merged = byId.computeIfAbsent(row.get("ruleId"), id -> {
        Map<String, Object> first = new LinkedHashMap<>(row);
        first.remove("instance");
        first.remove("degraded");
        return first;
      });
      if (row.get("degraded") instanceof Map<?, ?> d) {
        Map<String, Object> tagged = new LinkedHashMap<>();
        d.forEach((k, v) -> tagged.put(String.valueOf(k), v));
        tagged.put("instance", instance);
        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) merged.computeIfAbsent("degraded", k -> new ArrayList<>());
        all.add(tagged);
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** Each rule entry as stored, plus {@code degraded} (failures, last error, since) for a rule our code failed on. */
  List<Map<String, Object>> rules() {
    Map<String, DegradedRules.Degradation> failing = degraded.snapshot();
    List<Map<String, Object>> out = new ArrayList<>();
    try (KeyValueIterator<String, RuleEntry> it = this.<RuleEntry>store(ProcessorTopology.RULES_STORE).all()) {
      it.forEachRemaining(kv -> {
        Map<String, Object> entry = JSON.convertValue(kv.value, new TypeReference<>() {});
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
}

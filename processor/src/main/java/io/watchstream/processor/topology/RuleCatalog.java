package io.watchstream.processor.topology;

import io.watchstream.processor.eval.LogRuleEvaluator;
import io.watchstream.processor.eval.ThresholdEvaluator;
import io.watchstream.processor.logs.FieldExtractor;
import io.watchstream.processor.logs.LogPattern;
import io.watchstream.processor.rules.LogNewTermRule;
import io.watchstream.processor.rules.LogRule;
import io.watchstream.processor.rules.Rule;
import io.watchstream.processor.rules.RuleJson;
import io.watchstream.processor.rules.ThresholdRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Compiled view of the global rules store for the stream tasks. The global store's updater bumps
 * {@link #changed()} on every rule record; tasks re-read the store only then, so a changed rule takes
 * effect on the next record without polling and without a restart. Compiled rules are cached by
 * (id, version) and shared by all tasks of the instance.
 */
public final class RuleCatalog {

  /** One usable rule in force, compiled. */
  public record Compiled(Rule rule, int version, ThresholdEvaluator threshold, LogRuleEvaluator log,
      LogPattern pattern, FieldExtractor field) {}

  /** An immutable snapshot of the rules in force. */
  public record Snapshot(long generation, List<Compiled> thresholds, List<Compiled> logs, List<Compiled> anomalies,
      Map<String, Compiled> byId) {}

  private final AtomicLong generation = new AtomicLong();
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();
  /** Rules in force, mirrored by the global updater (also during restore), for processors without store access. */
  private final Map<String, RuleEntry> inForce = new ConcurrentHashMap<>();

  void changed() {
    generation.incrementAndGet();
  }

  void mirror(String ruleId, RuleEntry entry) {
    if (entry == null || !entry.inForce()) {
      inForce.remove(ruleId);
    } else {
      inForce.put(ruleId, entry);
    }
  }

  private volatile List<Compiled> anomalies = List.of();
  private volatile long anomaliesGeneration = -1;

  /** The anomaly rules in force now, compiled; recomputed only after a rule record changed something. */
  public List<Compiled> anomalies() {
    long gen = generation.get();
    if (gen != anomaliesGeneration) {
      List<Compiled> out = new ArrayList<>();
      for (RuleEntry e : inForce.values()) {
        if (io.watchstream.processor.rules.AnomalyRule.KIND.equals(e.kind())) {
          Compiled c = cache.computeIfAbsent(e.ruleId() + "@" + e.version(), k -> compile(e));
          if (c != null && c.rule() instanceof io.watchstream.processor.rules.AnomalyRule) {
            out.add(c);
          }
        }
      }
      anomalies = List.copyOf(out);
      anomaliesGeneration = gen;
    }
    return anomalies;
  }

  /** The anomaly rules in force now. */
  public List<io.watchstream.processor.rules.AnomalyRule> anomalyRules() {
    return anomalies().stream().map(c -> (io.watchstream.processor.rules.AnomalyRule) c.rule()).toList();
  }

  /** The compiled anomaly rule in force with this id, or null. */
  Compiled anomaly(String ruleId) {
    for (Compiled c : anomalies()) {
      if (c.rule().id().equals(ruleId)) {
        return c;
      }
    }
    return null;
  }

  long generation() {
    return generation.get();
  }

  Snapshot snapshot(ReadOnlyKeyValueStore<String, RuleEntry> store) {
    long gen = generation.get();
    List<Compiled> thresholds = new ArrayList<>();
    List<Compiled> logs = new ArrayList<>();
    List<Compiled> anomalies = new ArrayList<>();
    Map<String, Compiled> byId = new java.util.HashMap<>();
    try (KeyValueIterator<String, RuleEntry> it = store.all()) {
      while (it.hasNext()) {
        RuleEntry e = it.next().value;
        if (e == null || !e.inForce()) {
          continue;
        }
        Compiled c = cache.computeIfAbsent(e.ruleId() + "@" + e.version(), k -> compile(e));
        if (c == null) {
          continue;
        }
        byId.put(e.ruleId(), c);
        if (c.threshold != null) {
          thresholds.add(c);
        } else if (c.log != null) {
          logs.add(c);
        } else if (c.rule() instanceof io.watchstream.processor.rules.AnomalyRule) {
          anomalies.add(c);
        }
      }
    }
    return new Snapshot(gen, List.copyOf(thresholds), List.copyOf(logs), List.copyOf(anomalies), Map.copyOf(byId));
  }

  /** Null when the definition is unusable (the updater only stores valid ones; this guards old data). */
  static Compiled compile(RuleEntry e) {
    try {
      Rule rule = RuleJson.fromJson(e.definitionJson());
      if (!rule.validate().isEmpty()) {
        return null;
      }
      if (rule instanceof ThresholdRule t) {
        return new Compiled(rule, e.version(), new ThresholdEvaluator(t), null, null, null);
      }
      if (rule instanceof LogRule l) {
        FieldExtractor field = l instanceof LogNewTermRule nt ? FieldExtractor.parse(nt.field()) : null;
        return new Compiled(rule, e.version(), null, new LogRuleEvaluator(l), LogPattern.parse(l.pattern()), field);
      }
      // anomaly rules are listed in Snapshot.anomalies for an anomaly processor; no evaluator here
      return new Compiled(rule, e.version(), null, null, null, null);
    } catch (Exception ex) {
      return null;
    }
  }

  /** Validates a record from the rules topic; returns the problem or null when it is usable. */
  static String problemWith(String key, io.watchstream.avro.RuleRecord record) {
    try {
      Rule rule = RuleJson.fromJson(record.getDefinitionJson());
      if (!rule.id().equals(key) || !rule.id().equals(record.getRuleId())) {
        return "rule id '" + rule.id() + "' does not match the record key '" + key + "'";
      }
      if (!rule.kind().equals(record.getKind())) {
        return "kind '" + record.getKind() + "' does not match the definition's kind '" + rule.kind() + "'";
      }
      var problems = rule.validate();
      return problems.isEmpty() ? null : problems.get(0).toString();
    } catch (Exception e) {
      return "definition is not a valid rule: " + e.getMessage();
    }
  }

  /** Type helper: the store seen as writable by the updater. */
  static KeyValueStore<String, RuleEntry> writable(Object store) {
    @SuppressWarnings("unchecked")
    KeyValueStore<String, RuleEntry> s = (KeyValueStore<String, RuleEntry>) store;
    return s;
  }
}

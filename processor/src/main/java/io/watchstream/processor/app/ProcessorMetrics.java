package io.watchstream.processor.app;

import io.watchstream.runtime.ops.HealthReport;
import io.watchstream.runtime.ops.JvmMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.watchstream.processor.topology.DegradedRules;
import io.watchstream.processor.topology.RecordFaults;
import io.watchstream.processor.topology.RuleActivity;
import io.watchstream.processor.topology.SetAsideCounts;
import io.watchstream.schemas.RegistryOutage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor's meters, scraped at {@code GET /metrics} (Prometheus text): Kafka Streams' own client metrics
 * (Micrometer's {@link KafkaStreamsMetrics}: {@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*})
 * the JVM and process meters of {@link JvmMeters}, and the fault-model meters —
 * <ul>
 *   <li>{@code watchstream_processor_health} — 0 UP, 1 DEGRADED, 2 DOWN;
 *   <li>{@code watchstream_processor_registry_wait_seconds} — how long calls have been waiting on the registry (0: none);
 *   <li>{@code watchstream_processor_broker_unreachable_seconds} — how long the broker has been unreachable (0: reachable);
 *   <li>{@code watchstream_processor_stuck_threads} — stream threads on one record longer than the stuck bound;
 *   <li>{@code watchstream_processor_longest_record_seconds} — the longest time any thread is inside its current record;
 *   <li>{@code watchstream_processor_thread_replacements_total} — stream threads replaced since start;
 *   <li>{@code watchstream_processor_set_aside_total{topic,kind}} — records sent to a dead-letter or side topic;
 *   <li>{@code watchstream_processor_consumer_lag_records{topic,partition,client}} — input records not yet read;
 *   <li>{@code watchstream_processor_evaluations_total{kind}} and {@code watchstream_processor_transitions_total{kind,to}}
 *       — what the rules did ({@link RuleActivity});
 *   <li>{@code watchstream_processor_degraded_rules} and {@code watchstream_processor_rule_failures_total{rule}} —
 *       rules our code failed on, and how often.
 * </ul>
 */
public final class ProcessorMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmMeters jvm = JvmMeters.bindTo(registry);
  private final KafkaStreamsMetrics streamsMetrics;
  private final KafkaStreams streams;
  private final Set<MetricName> boundLags = ConcurrentHashMap.newKeySet();
  private final Set<SetAsideCounts.Key> boundSetAside = ConcurrentHashMap.newKeySet();
  private final Set<String> boundRules = ConcurrentHashMap.newKeySet();
  private volatile RecordFaults faults;

  ProcessorMetrics(KafkaStreams streams, Supplier<HealthReport> health, Optional<RegistryOutage> registryOutage,
      BrokerReachability broker, InFlightRecords inFlight, ThreadReplacements replacements, ProcessorOpsConfig ops) {
    this.streams = streams;
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    Gauge.builder("watchstream.processor.health", health, h -> h.get().status().ordinal())
        .description("0 UP, 1 DEGRADED, 2 DOWN (see /health for the reasons)").register(registry);
    Gauge.builder("watchstream.processor.registry.wait", () -> registryOutage.map(RegistryOutage::waitingSeconds).orElse(0.0))
        .baseUnit("seconds").description("How long calls have been waiting on the schema registry; 0 when none").register(registry);
    Gauge.builder("watchstream.processor.broker.unreachable", broker, BrokerReachability::unreachableSeconds)
        .baseUnit("seconds").description("How long the broker has been unreachable; 0 when reachable").register(registry);
    Gauge.builder("watchstream.processor.stuck.threads", inFlight, f -> f.stuckLongerThan(ops.stuckRecordAfter()).size())
        .description("Stream threads inside one record for longer than " + ops.stuckRecordAfter()).register(registry);
    Gauge.builder("watchstream.processor.longest.record", inFlight, f -> f.longestInFlight().toNanos() / 1e9)
        .baseUnit("seconds").description("The longest time a stream thread has been inside its current record").register(registry);
    FunctionCounter.builder("watchstream.processor.thread.replacements", replacements, ThreadReplacements::total)
        .description("Stream threads replaced after a failure since start").register(registry);
  }

  /**
   * Binds the topology's counters. Their keys (a destination topic and kind, a rule id) appear while the processor
   * runs, so each scrape first registers the ones not seen before.
   */
  void bindFaults(RecordFaults faults) {
    this.faults = faults;
    Gauge.builder("watchstream.processor.degraded.rules", faults.degraded(), DegradedRules::count)
        .description("Rules our code failed on at least once since start (see /rules)").register(registry);
    RuleActivity activity = faults.activity();
    for (String kind : RuleActivity.KINDS) {
      FunctionCounter.builder("watchstream.processor.evaluations", activity, x -> x.evaluations(kind))
          .tags("kind", kind).description("Evaluations of a (rule, series): an input taken, or a sweep that moved it on")
          .register(registry);
      for (String outcome : RuleActivity.OUTCOMES) {
        FunctionCounter.builder("watchstream.processor.transitions", activity, x -> x.transitions(kind, outcome))
            .tags("kind", kind, "to", outcome).description("Alert transitions emitted, by rule kind and state entered (or reminder)")
            .register(registry);
      }
    }
  }

  private void registerNewFaultKeys() {
    if (faults == null) {
      return;
    }
    SetAsideCounts counts = faults.counts();
    for (SetAsideCounts.Key key : counts.snapshot().keySet()) {
      if (boundSetAside.add(key)) {
        FunctionCounter.builder("watchstream.processor.set.aside", counts, c -> c.get(key))
            .tags("topic", key.topic(), "kind", key.kind())
            .description("Records sent to a dead-letter or side topic, by topic and kind").register(registry);
      }
    }
    DegradedRules degraded = faults.degraded();
    for (String rule : degraded.snapshot().keySet()) {
      if (boundRules.add(rule)) {
        FunctionCounter.builder("watchstream.processor.rule.failures", degraded,
                d -> { DegradedRules.Degradation x = d.snapshot().get(rule); return x == null ? 0 : x.failures(); })
            .tags("rule", rule).description("Records or passes a rule's evaluation failed on").register(registry);
      }
    }
  }

  /**
   * {@code watchstream_processor_consumer_lag_records{topic,partition}}: how far this instance's consumers are behind
   * on each input partition it owns. The client's own per-partition {@code records-lag} appear when a partition is
   * assigned, and Micrometer's binder looks for new client metrics only once a minute, so each scrape binds the
   * partitions not seen before; a partition that moved to another instance reads NaN until it returns.
   */
  private void registerNewPartitionLags() {
    for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
      MetricName name = m.getKey();
      Map<String, String> tags = name.tags();
      if ("records-lag".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
          && tags.containsKey("partition") && tags.containsKey("topic") && !tags.getOrDefault("client-id", "").contains("restore")
          && boundLags.add(name)) {
        Gauge.builder("watchstream.processor.consumer.lag", streams, s -> lagOf(s, name))
            .tags("topic", tags.get("topic"), "partition", tags.get("partition"), "client", tags.getOrDefault("client-id", ""))
            .baseUnit("records").description("Records this instance has yet to read on an input partition it owns")
            .register(registry);
      }
    }
  }

  private static double lagOf(KafkaStreams streams, MetricName name) {
    Metric m = streams.metrics().get(name);
    return m != null && m.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Where further processor meters are registered. */
  public MeterRegistry registry() {
    return registry;
  }

  String scrape() {
    registerNewFaultKeys();
    registerNewPartitionLags();
    return registry.scrape();
  }

  @Override
  public void close() {
    streamsMetrics.close();
    jvm.close();
    registry.close();
  }
}

package io.watchstream.processor.topology;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.anomaly.AnomalyScoreProcessor;
import io.watchstream.processor.eval.AnomalyState;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.LogSeriesState;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The one place the rule engine is wired; a pure function of its settings and the topic catalogue, used by the live
 * processor and the tests. Its processors come from {@link RuleProcessors}, which the in-memory replay engine
 * uses too, so replay runs the same rule logic without the Kafka Streams runtime.
 *
 * <pre>
 * rules ──► [global store rules-store] ◄── read by both rule processors (hot reload)
 *       (undecodable ones, via the deserialization handler) ─► rule-dead-letters (partition 0) ─► rules.dlq
 * metrics ──► threshold-rules (metric-instance-states) ─┐
 *         └─► anomaly-scoring (anomaly-models) ─► anomaly-scores
 *                              └─► anomaly-alerts (anomaly-state) ─┤
 * logs ──► logs-by-group (repartition) ──► log-rules (log-state, log-terms) ─┤
 *                     each path routes its own outputs ─► alerts, scaling-commands, logs.late, rules.rejected
 * </pre>
 * Every store, processor, repartition topic and sink is named, so changelog and repartition topics keep
 * their names across releases. Undecodable records are handled by {@link DeadLetterHandler}; records the rule
 * processors set aside ({@link SetAside}: bad, out of bounds, late datapoints, rule defects) reach
 * {@code metrics.dlq}, {@code metrics.late}, {@code logs.dlq} and {@code logs.late}, raw, through its
 * {@link DeadLetterHandler.Processing} (both configured by the application). Input timestamps ahead of the wall
 * clock do not move stream time ({@link BoundedTimestampExtractor}).
 */
public final class ProcessorTopology {

  public static final String RULES_STORE = "rules-store";
  /**
   * Threshold-rule state: key = instance key ({@code namespace/metric{dimensions}}), value = {@link InstanceStates}
   * (every rule's state on that instance). Replaces the one-entry-per-(rule, series) {@code series-state} store of
   * earlier releases; the new name gives it a new changelog, so values of the old layout are never read as the new.
   */
  public static final String METRIC_STATES_STORE = "metric-instance-states";
  public static final String LOG_STATE_STORE = "log-state";
  public static final String TERMS_STORE = "log-terms";
  public static final String REJECTIONS_STORE = "rule-rejections-reported";
  public static final String LOGS_REPARTITION = "logs-by-group";
  public static final String ANOMALY_STATE_STORE = "anomaly-state";

  /**
   * The topology and what its processors share: the catalogue (the query endpoint reads it too), and the degraded
   * rules and set-aside counters ({@link RecordFaults}) for health and metrics.
   */
  public record Built(Topology topology, RuleCatalog catalog, UndecodableRuleRecords undecodableRules, RecordFaults faults) {}

  public static Topology build(TopologySettings settings, Topics topics) {
    return buildWithCatalog(settings, topics).topology();
  }

  public static Built buildWithCatalog(TopologySettings settings, Topics topics) {
    return buildWithCatalog(settings, topics, System::currentTimeMillis, null);
  }

  /** {@code wallClock}: what the input timestamps are bounded by (see {@link BoundedTimestampExtractor}). */
  public static Built buildWithCatalog(TopologySettings settings, Topics topics, java.util.function.LongSupplier wallClock) {
    return buildWithCatalog(settings, topics, wallClock, null);
  }

  /**
   * The topology bounded by {@code wallClock}, built with {@code topologyConfig} (e.g. a
   * {@code processor.wrapper.class}); null for the defaults.
   */
  public static Built buildWithCatalog(TopologySettings settings, Topics topics, java.util.function.LongSupplier wallClock,
      TopologyConfig topologyConfig) {
    RuleProcessors processors = new RuleProcessors(settings, topics.names());
    RuleCatalog catalog = processors.catalog();
    StreamsBuilder builder = topologyConfig == null ? new StreamsBuilder() : new StreamsBuilder(topologyConfig);
    TopicNames names = topics.names();

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RULES_STORE), Serdes.String(), new JsonSerde<>(RuleEntry.class))
            .withLoggingDisabled(), // a global store is restored from its source topic, never from a changelog
        names.rules(),
        Consumed.with(topics.rules().keySerde(), topics.rules().valueSerde()).withName("rules-source"),
        processors::rulesUpdater);
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(METRIC_STATES_STORE), Serdes.String(), new InstanceStatesSerde())
        // no record cache: the processor keeps decoded values itself (DecodedStates), and an instance is written
        // about once per datapoint, so the cache only added an LRU update per write and a copy at each commit
        .withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(REJECTIONS_STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LOG_STATE_STORE), Serdes.String(), new JsonSerde<>(LogSeriesState.class))
        .withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(TERMS_STORE), Serdes.String(), Serdes.Long()));

    builder.addStateStore(AnomalyScoreProcessor.storeBuilder());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ANOMALY_STATE_STORE), Serdes.String(), new JsonSerde<>(AnomalyState.class)));

    // the topology's own repartition topic is stamped by it and keeps the configured (default) extractor
    TimestampExtractor bounded = settings.recordBounds().bounded() ? new BoundedTimestampExtractor(wallClock) : null;
    KStream<MetricSeriesKey, MetricDatapoint> metrics = builder
        .stream(names.metrics(), Consumed.with(topics.metrics().keySerde(), topics.metrics().valueSerde())
            .withTimestampExtractor(bounded).withName("metrics-source"));
    KStream<String, Output> metricOutputs = metrics
        .process(processors::thresholdRules,
            Named.as("threshold-rules"), METRIC_STATES_STORE, REJECTIONS_STORE);

    // rules-topic records the global thread could not decode reach rules.dlq through the task of partition 0
    metrics.process(processors::ruleDeadLetters, Named.as("rule-dead-letters"), REJECTIONS_STORE)
        .to(TopicNames.deadLetter(names.rules()), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("rules-dlq-sink"));

    // anomaly rules: the models (io.watchstream.processor.anomaly) score each datapoint; scores go to
    // anomaly-scores and, through the M-of-N band evaluation, to alerts
    KStream<MetricSeriesKey, AnomalyScore> scores = metrics.process(processors::anomalyScoring, Named.as("anomaly-scoring"),
        AnomalyScoreProcessor.STORE);
    scores.to(names.anomalyScores(), Produced.with(topics.anomalyScores().keySerde(), topics.anomalyScores().valueSerde())
        .withName("anomaly-scores-sink"));
    KStream<String, Output> anomalyOutputs = scores.process(processors::anomalyAlerts,
        Named.as("anomaly-alerts"), ANOMALY_STATE_STORE);

    KStream<String, Output> logOutputs = builder
        .stream(names.logs(), Consumed.with(topics.logs().keySerde(), topics.logs().valueSerde())
            .withTimestampExtractor(bounded).withName("logs-source"))
        .process(processors::logIntake, Named.as("logs-key-by-group"))
        .repartition(Repartitioned.<String, LogEvent>as(LOGS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.logs().valueSerde()))
        .process(processors::logRules,
            Named.as("log-rules"), LOG_STATE_STORE, TERMS_STORE);

    // The metric and log paths route their outputs separately, so they stay two sub-topologies: merged, every
    // metrics task would also own an (often empty) logs-by-group partition, and Kafka Streams would check that
    // empty partition's fetch lag, with a formatted log line, before each metric record.
    routeOutputs(metricOutputs.merge(anomalyOutputs, Named.as("all-rule-outputs")), "", topics);
    routeOutputs(logOutputs, "logs-", topics);
    return new Built(builder.build(), catalog, processors.undecodableRules(), processors.faults());
  }


  /** Sends each kind of {@link Output} to its topic; {@code prefix} keeps the node names of two routings apart. */
  private static void routeOutputs(KStream<String, Output> outputs, String prefix, Topics topics) {
    TopicNames names = topics.names();
    outputs.split(Named.as(prefix + "route-"))
        .branch((k, v) -> v instanceof Output.Alert, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.Alert) v; return org.apache.kafka.streams.KeyValue.pair(a.key(), a.value()); }, Named.as(prefix + "to-alert"))
            .to(names.alerts(), Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde()).withName(prefix + "alerts-sink")), "alerts"))
        .branch((k, v) -> v instanceof Output.Scaling, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.Scaling) v; return org.apache.kafka.streams.KeyValue.pair(a.key(), a.value()); }, Named.as(prefix + "to-scaling"))
            .to(names.scalingCommands(), Produced.with(topics.scalingCommands().keySerde(), topics.scalingCommands().valueSerde())
                .withName(prefix + "scaling-commands-sink")), "scaling"))
        .branch((k, v) -> v instanceof Output.LateLog, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.LateLog) v; return org.apache.kafka.streams.KeyValue.pair(a.key(), a.value()); }, Named.as(prefix + "to-late-log"))
            .to(TopicNames.lateData(names.logs()), Produced.with(topics.logs().keySerde(), topics.logs().valueSerde())
                .withName(prefix + "logs-late-sink")), "late-logs"))
        .branch((k, v) -> v instanceof Output.RejectedRule, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.RejectedRule) v; return org.apache.kafka.streams.KeyValue.pair(a.ruleId(), a.value()); }, Named.as(prefix + "to-rejected-rule"))
            .to(names.rulesRejected(), Produced.with(topics.rules().keySerde(), topics.rules().valueSerde())
                .withName(prefix + "rules-rejected-sink")), "rejected-rules"));
  }

  private ProcessorTopology() {}
}

package io.watchstream.processor.topology;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.anomaly.AnomalyScoreProcessor;
import io.watchstream.processor.eval.AnomalyState;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.app.ProcessorConfig;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The one place the rule engine is wired; a pure function of configuration and topic catalogue, used by the live
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
 *                     each path routes its own outputs ─► alerts, scaling-commands,
 *                                                       metrics.late, logs.late, metrics.dlq, logs.dlq, rules.rejected
 * </pre>
 * Every store, processor, repartition topic and sink is named, so changelog and repartition topics keep
 * their names across releases. Undecodable records are handled by {@link DeadLetterHandler} (configured
 * by the application).
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

  /** The topology and the catalogue its processors share (the query endpoint reads it too). */
  public record Built(Topology topology, RuleCatalog catalog, UndecodableRuleRecords undecodableRules) {}

  public static Topology build(ProcessorConfig config, Topics topics) {
    return buildWithCatalog(config, topics).topology();
  }

  public static Built buildWithCatalog(ProcessorConfig config, Topics topics) {
    return buildWithCatalog(config, topics, null);
  }

  /** The same, built with {@code topologyConfig} (e.g. a {@code processor.wrapper.class}); null for the defaults. */
  public static Built buildWithCatalog(ProcessorConfig config, Topics topics, TopologyConfig topologyConfig) {
    RuleProcessors processors = new RuleProcessors(config, topics.names());
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

    KStream<MetricSeriesKey, MetricDatapoint> metrics = builder
        .stream(names.metrics(), Consumed.with(topics.metrics().keySerde(), topics.metrics().valueSerde()).withName("metrics-source"));
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
        .stream(names.logs(), Consumed.with(topics.logs().keySerde(), topics.logs().valueSerde()).withName("logs-source"))
        .selectKey(RuleProcessors::logGroupOf, Named.as("logs-key-by-group"))
        .repartition(Repartitioned.<String, LogEvent>as(LOGS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.logs().valueSerde()))
        .process(processors::logRules,
            Named.as("log-rules"), LOG_STATE_STORE, TERMS_STORE);

    // The metric and log paths route their outputs separately, so they stay two sub-topologies: merged, every
    // metrics task also owned an (often empty) logs-by-group partition, and Kafka Streams then checked that empty
    // partition's fetch lag, with a formatted log line, before each metric record (~8% of the processor's time).
    routeOutputs(metricOutputs.merge(anomalyOutputs, Named.as("all-rule-outputs")), "", topics);
    routeOutputs(logOutputs, "logs-", topics);
    return new Built(builder.build(), catalog, processors.undecodableRules());
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
        .branch((k, v) -> v instanceof Output.LateMetric, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.LateMetric) v; return org.apache.kafka.streams.KeyValue.pair(a.key(), a.value()); }, Named.as(prefix + "to-late-metric"))
            .to(TopicNames.lateData(names.metrics()), Produced.with(topics.metrics().keySerde(), topics.metrics().valueSerde())
                .withName(prefix + "metrics-late-sink")), "late-metrics"))
        .branch((k, v) -> v instanceof Output.LateLog, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.LateLog) v; return org.apache.kafka.streams.KeyValue.pair(a.key(), a.value()); }, Named.as(prefix + "to-late-log"))
            .to(TopicNames.lateData(names.logs()), Produced.with(topics.logs().keySerde(), topics.logs().valueSerde())
                .withName(prefix + "logs-late-sink")), "late-logs"))
        .branch((k, v) -> v instanceof Output.InvalidMetric, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.InvalidMetric) v; return org.apache.kafka.streams.KeyValue.pair(a.key(), a.value()); }, Named.as(prefix + "to-invalid-metric"))
            .to(TopicNames.deadLetter(names.metrics()), Produced.with(topics.metrics().keySerde(), topics.metrics().valueSerde())
                .withName(prefix + "metrics-dlq-sink")), "invalid-metrics"))
        .branch((k, v) -> v instanceof Output.InvalidLog, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.InvalidLog) v; return org.apache.kafka.streams.KeyValue.pair(a.key(), a.value()); }, Named.as(prefix + "to-invalid-log"))
            .to(TopicNames.deadLetter(names.logs()), Produced.with(topics.logs().keySerde(), topics.logs().valueSerde())
                .withName(prefix + "logs-dlq-sink")), "invalid-logs"))
        .branch((k, v) -> v instanceof Output.RejectedRule, Branched.withConsumer(s -> s
            .map((k, v) -> { var a = (Output.RejectedRule) v; return org.apache.kafka.streams.KeyValue.pair(a.ruleId(), a.value()); }, Named.as(prefix + "to-rejected-rule"))
            .to(names.rulesRejected(), Produced.with(topics.rules().keySerde(), topics.rules().valueSerde())
                .withName(prefix + "rules-rejected-sink")), "rejected-rules"));
  }

  private ProcessorTopology() {}
}

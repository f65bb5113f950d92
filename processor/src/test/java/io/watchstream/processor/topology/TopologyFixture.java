package io.watchstream.processor.topology;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.LogSeriesState;
import io.watchstream.processor.eval.SeriesState;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.processor.rules.RuleVersions;
import io.watchstream.schemas.InMemorySchemaRegistryClient;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** A TopologyTestDriver around {@link ProcessorTopology} with test-data builders and explicit instants. */
final class TopologyFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final Duration MIN = Duration.ofMinutes(1);

  final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
  final TopologyTestDriver driver;
  final TestInputTopic<String, RuleRecord> rules;
  final TestInputTopic<MetricSeriesKey, MetricDatapoint> metrics;
  final TestInputTopic<byte[], byte[]> rawMetrics;
  final TestInputTopic<LogStreamKey, LogEvent> logs;
  final TestOutputTopic<AlertKey, AlertTransition> alerts;
  final TestOutputTopic<ScalingCommandKey, ScalingCommand> scaling;
  final TestOutputTopic<MetricSeriesKey, MetricDatapoint> lateMetrics;
  final TestOutputTopic<LogStreamKey, LogEvent> lateLogs;
  final TestOutputTopic<byte[], byte[]> metricsDlq;
  final TestOutputTopic<byte[], byte[]> rawMetricsLate;
  final TestOutputTopic<byte[], byte[]> logsDlq;
  final TestOutputTopic<byte[], byte[]> rawLogsLate;
  final TestInputTopic<byte[], byte[]> rawLogs;
  /** What the rule processors share: degraded rules and set-aside counters. */
  final RecordFaults faults;
  final TestOutputTopic<String, RuleRecord> rejected;
  private final Map<String, RuleRecord> published = new HashMap<>();
  private final Path stateDir;
  private long logEventSeq;

  TopologyFixture() throws Exception {
    this(System::currentTimeMillis);
  }

  /**
   * {@code extractorClock}: the wall clock input timestamps are bounded by (the driver's own wall clock is not
   * visible to a timestamp extractor); the rule processors bound by the driver's, starting at {@link #T0}.
   */
  TopologyFixture(java.util.function.LongSupplier extractorClock) throws Exception {
    stateDir = Files.createTempDirectory("ttd-state");
    ProcessorConfig config = ProcessorConfig.defaults();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.Processing.class.getName());
    ProcessorTopology.Built built = ProcessorTopology.buildWithCatalog(config.topologySettings(), topics, extractorClock);
    faults = built.faults();
    driver = new TopologyTestDriver(built.topology(), props, T0);
    TopicNames n = topics.names();
    rules = driver.createInputTopic(n.rules(), topics.rules().keySerde().serializer(), topics.rules().valueSerde().serializer());
    metrics = driver.createInputTopic(n.metrics(), topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
    rawMetrics = driver.createInputTopic(n.metrics(), new ByteArraySerializer(), new ByteArraySerializer());
    logs = driver.createInputTopic(n.logs(), topics.logs().keySerde().serializer(), topics.logs().valueSerde().serializer());
    alerts = driver.createOutputTopic(n.alerts(), topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer());
    scaling = driver.createOutputTopic(n.scalingCommands(), topics.scalingCommands().keySerde().deserializer(),
        topics.scalingCommands().valueSerde().deserializer());
    lateMetrics = driver.createOutputTopic(TopicNames.lateData(n.metrics()), topics.metrics().keySerde().deserializer(),
        topics.metrics().valueSerde().deserializer());
    lateLogs = driver.createOutputTopic(TopicNames.lateData(n.logs()), topics.logs().keySerde().deserializer(),
        topics.logs().valueSerde().deserializer());
    metricsDlq = driver.createOutputTopic(TopicNames.deadLetter(n.metrics()), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    rawMetricsLate = driver.createOutputTopic(TopicNames.lateData(n.metrics()), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    logsDlq = driver.createOutputTopic(TopicNames.deadLetter(n.logs()), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    rawLogsLate = driver.createOutputTopic(TopicNames.lateData(n.logs()), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    rawLogs = driver.createInputTopic(n.logs(), new ByteArraySerializer(), new ByteArraySerializer());
    rejected = driver.createOutputTopic(n.rulesRejected(), topics.rules().keySerde().deserializer(), topics.rules().valueSerde().deserializer());
  }

  /** Publishes rules the way {@code watchstream process} does: versions assigned from what is on the topic. */
  void publish(String yaml) throws Exception {
    List<LoadedRule> loaded = new RuleFileLoader().parse("test.yaml", yaml);
    for (RuleRecord r : RuleVersions.toPublish(published, loaded, T0)) {
      published.put(r.getRuleId(), r);
      rules.pipeInput(r.getRuleId(), r, T0);
    }
  }

  void publishRaw(String id, RuleRecord record) {
    rules.pipeInput(id, record, T0);
  }

  static MetricDatapoint datapoint(String instance, Instant at, double value) {
    return MetricDatapoint.newBuilder()
        .setNamespace("AWS/EC2").setMetricName("CPUUtilization")
        .setDimensions(List.of(new Dimension("InstanceId", instance)))
        .setTimestamp(at).setValue(value).setUnit("Percent").setStatistic("Average").setPeriodSeconds(60).setSource("test")
        .build();
  }

  void cpu(String instance, Instant at, double value) {
    MetricDatapoint dp = datapoint(instance, at, value);
    metrics.pipeInput(SeriesKeys.of(dp), dp, at);
  }

  void log(String group, String stream, Instant at, String message) {
    LogEvent e = LogEvent.newBuilder().setLogGroup(group).setLogStream(stream).setEventId("e" + (logEventSeq++))
        .setTimestamp(at).setIngestionTime(at).setMessage(message).build();
    logs.pipeInput(new LogStreamKey(group, stream), e, at);
  }

  static Instant at(int minutes) {
    return T0.plus(MIN.multipliedBy(minutes));
  }

  static Instant at(int minutes, int seconds) {
    return at(minutes).plusSeconds(seconds);
  }

  static String cpuSeries(String instance) {
    return "AWS/EC2/CPUUtilization{InstanceId=" + instance + "}/Average/60";
  }

  /** The state of one (rule, series), found in its instance's entry of the threshold state store. */
  SeriesState seriesState(String ruleId, String seriesKey) {
    KeyValueStore<String, InstanceStates> store = driver.getKeyValueStore(ProcessorTopology.METRIC_STATES_STORE);
    InstanceStates entry = store.get(InstanceStates.instanceKeyOf(seriesKey));
    if (entry == null) {
      return null;
    }
    SeriesState s = entry.find(ruleId);
    return s == null || !s.seriesKey.equals(seriesKey) ? null : s;
  }

  /** The whole entry of one metric instance in the threshold state store. */
  InstanceStates instanceStates(String instanceKey) {
    KeyValueStore<String, InstanceStates> store = driver.getKeyValueStore(ProcessorTopology.METRIC_STATES_STORE);
    return store.get(instanceKey);
  }

  LogSeriesState logState(String ruleId, String seriesKey) {
    KeyValueStore<String, LogSeriesState> store = driver.getKeyValueStore(ProcessorTopology.LOG_STATE_STORE);
    return store.get(ruleId + "|" + seriesKey);
  }

  KeyValueStore<String, RuleEntry> rulesStore() {
    return driver.getKeyValueStore(ProcessorTopology.RULES_STORE);
  }

  /** States the alerts topic shows for one series, in order, as "FROM->TO". */
  static List<String> path(List<AlertTransition> transitions) {
    return transitions.stream().map(t -> t.getFromState() + "->" + t.getToState() + (t.getReminder() ? "(reminder)" : "")).toList();
  }

  List<AlertTransition> alertValues() {
    return alerts.readValuesToList();
  }

  @Override
  public void close() throws Exception {
    driver.close();
    try (var walk = Files.walk(stateDir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

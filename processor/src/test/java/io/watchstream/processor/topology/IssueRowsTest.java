package io.watchstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.processor.rules.RuleVersions;
import io.watchstream.schemas.InMemorySchemaRegistryClient;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issue's rows, against the topology as the application configures it; compiles against main and the branch. */
class IssueRowsTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
  TopologyTestDriver d;
  TestInputTopic<MetricSeriesKey, MetricDatapoint> metrics;
  TestInputTopic<byte[], byte[]> raw, rawLogs;
  TestOutputTopic<AlertKey, AlertTransition> alerts;
  TestOutputTopic<byte[], byte[]> dlq, logsDlq;

  @BeforeEach
  void start() throws Exception {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "rows");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rows").toString());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.Processing.class.getName());
    d = new TopologyTestDriver(ProcessorTopology.build(ProcessorConfig.defaults().topologySettings(), topics), p, T0);
    var rules = d.createInputTopic("rules", topics.rules().keySerde().serializer(), topics.rules().valueSerde().serializer());
    for (RuleRecord r : RuleVersions.toPublish(Map.of(), new RuleFileLoader().parse("r.yaml", """
        rules:
          - { id: cpu-high, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
              period: 60s, statistic: Average, comparison: ">", threshold: 50, evaluationPeriods: 1, datapointsToAlarm: 1 }
          - { id: count, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
              period: 60s, statistic: SampleCount, comparison: ">", threshold: 100, evaluationPeriods: 1, datapointsToAlarm: 1 }
          - { id: new-user, kind: log-new-term, logs: { group: /app }, pattern: '"user="', field: 'user=((?:a|b)*);',
              lookback: 1d, window: 1m, grace: 0s }
        """), T0)) {
      rules.pipeInput(r.getRuleId(), r, T0);
    }
    metrics = d.createInputTopic("metrics", topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
    raw = d.createInputTopic("metrics", new ByteArraySerializer(), new ByteArraySerializer());
    rawLogs = d.createInputTopic("logs", new ByteArraySerializer(), new ByteArraySerializer());
    alerts = d.createOutputTopic("alerts", topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer());
    dlq = d.createOutputTopic("metrics.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    logsDlq = d.createOutputTopic("logs.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    d.close();
  }

  static MetricDatapoint dp(String i, Instant at, double v, String stat) {
    return MetricDatapoint.newBuilder().setNamespace("AWS/EC2").setMetricName("CPUUtilization")
        .setDimensions(List.of(new Dimension("InstanceId", i))).setTimestamp(at).setValue(v).setUnit("Percent")
        .setStatistic(stat).setPeriodSeconds(60).setSource("t").build();
  }

  void send(MetricDatapoint x, Instant recordTime) {
    metrics.pipeInput(SeriesKeys.of(x), x, recordTime);
  }

  @Test
  void row1NinetyMinutesAheadAlertIsStampedNoLaterThanTheWallClock() {
    send(dp("i-1", T0.plus(Duration.ofMinutes(90)), 99, "Average"), T0);
    List<TestRecord<AlertKey, AlertTransition>> out = alerts.readRecordsToList();
    assertThat(out).isNotEmpty().allSatisfy(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(T0.toEpochMilli()));
  }

  @Test
  void row2Year9999DatapointDoesNotSpin() {
    send(dp("i-1", T0, 10, "Average"), T0);
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> send(dp("i-1", Instant.parse("9999-12-31T23:59:00Z"), 99, "Average"), T0));
  }

  @Test
  void row6TombstoneOnMetricsKeepsKeyAndSourceHeaders() {
    byte[] key = topics.metrics().keySerde().serializer().serialize("metrics", SeriesKeys.of(dp("i-1", T0, 1, "Average")));
    raw.pipeInput(key, null, T0);
    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.headers().lastHeader("watchstream.source.offset")).isNotNull();
  }

  @Test
  void row6TombstoneOnLogsKeepsKeyAndSourceHeaders() {
    byte[] key = topics.logs().keySerde().serializer().serialize("logs", new LogStreamKey("/app", "i-1"));
    rawLogs.pipeInput(key, null, T0);
    TestRecord<byte[], byte[]> dead = logsDlq.readRecord();
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.headers().lastHeader("watchstream.source.topic")).isNotNull();
  }

  @Test
  void defectOnOneRuleNamesTheRuleAndOtherRulesStillSeeTheRecord() {
    send(dp("i-1", T0, 10, "Average"), T0);
    alerts.readRecordsToList();
    send(dp("i-1", T0.plusSeconds(60), 5, "Bogus"), T0.plusSeconds(60));
    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(dead.headers().lastHeader("watchstream.rule.id")).isNotNull();
  }

  @Test
  void row3AnAlternationInsideARepetitionOnA100KbLineNeitherOverflowsNorIsDeadLettered() throws Exception {
    io.watchstream.avro.LogEvent e = io.watchstream.avro.LogEvent.newBuilder().setLogGroup("/app").setLogStream("i-1")
        .setEventId("e1").setTimestamp(T0).setIngestionTime(T0).setMessage("user=" + "ab".repeat(50_000) + ";").build();
    byte[] key = topics.logs().keySerde().serializer().serialize("logs", new LogStreamKey("/app", "i-1"));
    Throwable[] escaped = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        rawLogs.pipeInput(key, topics.logs().valueSerde().serializer().serialize("logs", e), T0);
      } catch (Throwable t) {
        escaped[0] = t;
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();
    // users' regexes run on RE2/J (linear time, no recursion): the line is evaluated, not set aside
    assertThat(escaped[0]).isNull();
    assertThat(logsDlq.isEmpty()).isTrue();
  }
}

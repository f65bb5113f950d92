package io.watchstream.processor.topology;

import static io.watchstream.processor.topology.TopologyFixture.T0;
import static io.watchstream.processor.topology.TopologyFixture.at;
import static io.watchstream.processor.topology.TopologyFixture.cpuSeries;
import static io.watchstream.processor.topology.TopologyFixture.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.SeriesKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad and hostile records on the live topology: time bounds, tombstones, a rule failing on one record. Every record
 * set aside lands raw in its side topic with the {@link DeadLetterHeaders}, and nothing of it reaches state.
 */
class RecordFaultsTopologyTest {

  static final String RULE = """
      rules:
        - { id: cpu-high, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
            period: 60s, statistic: Average, comparison: ">", threshold: 50, evaluationPeriods: 1, datapointsToAlarm: 1,
            treatMissingData: missing }
      """;

  /** The wall clock the input timestamps are bounded by; kept equal to the driver's (see {@link #advanceWall}). */
  long wall = T0.toEpochMilli();
  TopologyFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new TopologyFixture(() -> wall);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  void advanceWall(Duration d) {
    f.driver.advanceWallClockTime(d);
    wall += d.toMillis();
  }

  static void assertHeaders(Headers h, String kind, String topic, long offset, String messagePart) {
    assertThat(DeadLetterHeaders.text(h, DeadLetterHeaders.KIND)).isEqualTo(kind);
    assertThat(DeadLetterHeaders.sourceOf(h)).isEqualTo(new DeadLetterHeaders.Source(topic, 0, offset));
    assertThat(DeadLetterHeaders.text(h, DeadLetterHeaders.ERROR_CLASS)).isNotBlank();
    assertThat(DeadLetterHeaders.text(h, DeadLetterHeaders.ERROR_MESSAGE)).contains(messagePart);
    assertThat(DeadLetterHeaders.text(h, DeadLetterHeaders.STAGE)).isNotBlank();
  }

  byte[] bytesOf(MetricDatapoint dp) {
    return f.topics.metrics().valueSerde().serializer().serialize("metrics", dp);
  }

  @Test
  void aDatapointNinetyMinutesAheadAlertsWithATimestampTheBrokerAcceptsAndDoesNotMoveStreamTime() throws Exception {
    f.publish(RULE);
    advanceWall(Duration.ofMinutes(10));
    f.cpu("i-1", at(8), 10);
    f.cpu("i-2", at(8), 10);
    f.alerts.readRecordsToList();

    Instant skewed = T0.plus(Duration.ofMinutes(10 + 90));
    f.cpu("i-1", skewed, 99); // a host whose clock is 90 minutes fast
    List<TestRecord<AlertKey, AlertTransition>> alarm = f.alerts.readRecordsToList();
    // that series alone is evaluated up to its own datapoint (the periods between count as missing) ...
    assertThat(alarm).last().satisfies(r -> assertThat(r.value().getToState().name()).isEqualTo("ALARM"));
    // ... and no output is stamped ahead of the wall clock (log.message.timestamp.after.max.ms is 1 h)
    assertThat(alarm).allSatisfy(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(wall));
    // stream time stayed at the wall clock: the other series' next datapoint is neither late nor evaluated ahead
    f.cpu("i-2", at(9), 90);
    assertThat(f.rawMetricsLate.isEmpty()).isTrue();
    assertThat(path(f.alertValues())).containsExactly("OK->ALARM");
    assertThat(f.seriesState("cpu-high", cpuSeries("i-2")).evaluatedThrough).isEqualTo(at(10).toEpochMilli());
  }

  @Test
  void aDatapointInTheYear9999GoesToTheLateTopicRawAndNeverIntoState() throws Exception {
    f.publish(RULE);
    advanceWall(Duration.ofMinutes(10));
    f.cpu("i-1", at(8), 10);
    f.alerts.readRecordsToList();

    MetricDatapoint far = TopologyFixture.datapoint("i-1", Instant.parse("9999-12-31T23:59:00Z"), 99);
    long started = System.nanoTime();
    f.metrics.pipeInput(SeriesKeys.of(far), far, far.getTimestamp());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

    TestRecord<byte[], byte[]> late = f.rawMetricsLate.readRecord();
    assertThat(late.value()).isEqualTo(bytesOf(far));
    assertThat(late.timestamp()).isLessThanOrEqualTo(wall);
    assertHeaders(late.headers(), "out-of-bounds", "metrics", 1, "ahead of the wall clock");
    assertThat(f.alerts.isEmpty()).isTrue();
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1")).buckets.keySet()).allMatch(k -> k < at(11).toEpochMilli());
    assertThat(f.faults.counts().get("metrics.late", DeadLetterHeaders.Kind.OUT_OF_BOUNDS)).isEqualTo(1);
    // and the series goes on as before
    f.cpu("i-1", at(9), 90);
    assertThat(path(f.alertValues())).containsExactly("OK->ALARM");
  }

  @Test
  void aDatapointOlderThanThePastBoundGoesToTheLateTopic() throws Exception {
    f.publish(RULE);
    f.cpu("i-1", T0.minus(Duration.ofDays(15)), 99);
    assertHeaders(f.rawMetricsLate.readRecord().headers(), "out-of-bounds", "metrics", 0, "behind the wall clock");
    assertThat(f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-1}")).isNull();
  }

  @Test
  void aTombstoneOnMetricsGoesToTheDeadLetterTopicWithItsKeyAndSource() throws Exception {
    f.publish(RULE);
    f.cpu("i-1", at(0), 10);
    byte[] key = f.topics.metrics().keySerde().serializer().serialize("metrics",
        SeriesKeys.of(TopologyFixture.datapoint("i-1", at(0), 1)));
    f.rawMetrics.pipeInput(key, null, at(1));
    TestRecord<byte[], byte[]> dead = f.metricsDlq.readRecord();
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.value()).isNull();
    assertHeaders(dead.headers(), "bad-record", "metrics", 1, "tombstone");
    f.cpu("i-1", at(2), 90);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->OK", "OK->ALARM");
  }

  @Test
  void aTombstoneOnLogsGoesToTheDeadLetterTopicWithItsKeyAndSource() throws Exception {
    byte[] key = f.topics.logs().keySerde().serializer().serialize("logs", new LogStreamKey("/app", "i-1"));
    f.rawLogs.pipeInput(key, null, at(0));
    TestRecord<byte[], byte[]> dead = f.logsDlq.readRecord();
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.value()).isNull();
    assertHeaders(dead.headers(), "bad-record", "logs", 0, "tombstone");
  }

  @Test
  void aLogLineOutOfBoundsGoesToTheLateTopicRawBeforeTheRepartition() throws Exception {
    LogEvent e = LogEvent.newBuilder().setLogGroup("/app").setLogStream("i-1").setEventId("e1")
        .setTimestamp(Instant.parse("9999-01-01T00:00:00Z")).setIngestionTime(T0).setMessage("ERROR boom").build();
    byte[] key = f.topics.logs().keySerde().serializer().serialize("logs", new LogStreamKey("/app", "i-1"));
    byte[] value = f.topics.logs().valueSerde().serializer().serialize("logs", e);
    f.rawLogs.pipeInput(key, value, at(0));
    TestRecord<byte[], byte[]> late = f.rawLogsLate.readRecord();
    assertThat(late.key()).isEqualTo(key);
    assertThat(late.value()).isEqualTo(value);
    assertHeaders(late.headers(), "out-of-bounds", "logs", 0, "ahead of the wall clock");
  }

  @Test
  void aLateLogLineNamesItsLogsPositionAcrossTheRepartition() throws Exception {
    f.publish("""
        rules:
          - { id: errs, kind: log-frequency, logs: { group: /app }, pattern: '"ERROR"', window: 1m, grace: 0s, threshold: 100 }
        """);
    f.log("/app", "i-1", at(0, 10), "ERROR one");
    f.log("/app", "i-1", at(5), "ERROR two");
    f.log("/app", "i-1", at(0, 20), "ERROR late");
    TestRecord<byte[], byte[]> late = f.rawLogsLate.readRecord();
    assertThat(f.topics.logs().keySerde().deserializer().deserialize("logs.late", late.key()))
        .isEqualTo(new LogStreamKey("/app", "i-1"));
    assertHeaders(late.headers(), "late", "logs", 2, "after its window closed");
  }

  @Test
  void aRuleThatFailsOnOneRecordIsDegradedAndTheRecordGoesToTheDeadLetterTopicWithTheRuleId() throws Exception {
    f.publish("""
        rules:
          - { id: count, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
              period: 60s, statistic: SampleCount, comparison: ">", threshold: 100, evaluationPeriods: 1, datapointsToAlarm: 1 }
          - { id: p90, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
              period: 60s, statistic: p90, comparison: ">", threshold: 100, evaluationPeriods: 1, datapointsToAlarm: 1 }
          - { id: cpu-high, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
              period: 60s, statistic: Average, comparison: ">", threshold: 50, evaluationPeriods: 1, datapointsToAlarm: 1 }
        """);
    f.cpu("i-1", at(0), 10);
    f.alerts.readRecordsToList();
    var before = f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-1}");
    // a statistic our code does not know makes the sample-based rules throw while admitting it
    MetricDatapoint odd = MetricDatapoint.newBuilder(TopologyFixture.datapoint("i-1", at(1), 5)).setStatistic("Bogus").build();
    f.metrics.pipeInput(SeriesKeys.of(odd), odd, at(1));

    List<TestRecord<byte[], byte[]>> dead = f.metricsDlq.readRecordsToList();
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.value()).isEqualTo(bytesOf(odd));
      assertHeaders(d.headers(), "rule-defect", "metrics", 1, "statistic must be Average, Sum, Minimum, Maximum, SampleCount or pNN");
      assertThat(DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.RULE_ID)).isEqualTo("count,p90");
      assertThat(DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo(IllegalArgumentException.class.getName());
    });
    assertThat(f.faults.degraded().snapshot()).containsOnlyKeys("count", "p90");
    assertThat(f.faults.degraded().snapshot().get("count").failures()).isEqualTo(1);
    // the failed rules' states are what they were before the record
    var after = f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-1}");
    assertThat(after.find("count").buckets.keySet()).isEqualTo(before.find("count").buckets.keySet());
    // every rule goes on with the next record of the series
    f.cpu("i-1", at(2), 90);
    assertThat(path(f.alertValues().stream().filter(a -> a.getRuleId().equals("cpu-high")).toList()))
        .containsExactly("OK->ALARM");
    assertThat(f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-1}").find("count").buckets).isNotEmpty();
    assertThat(f.metricsDlq.isEmpty()).isTrue();
  }

  /**
   * A field regex with an alternation inside a repetition recursed once per character in {@code java.util.regex}
   * and overflowed the stack on a 100 KB line. Users' regexes now run on RE2/J: on a thread with a small stack the
   * line is evaluated by both rules and nothing is set aside.
   */
  @Test
  void anAlternationInsideARepetitionOnALongLineIsEvaluatedByEveryRule() throws Exception {
    f.publish("""
        rules:
          - { id: new-user, kind: log-new-term, logs: { group: /app }, pattern: '"user="', field: 'user=((?:a|b)*);',
              lookback: 1d, window: 1m, grace: 0s }
          - { id: users, kind: log-frequency, logs: { group: /app }, pattern: '"user="', window: 1m, grace: 0s, threshold: 1 }
        """);
    String line = "user=" + "ab".repeat(50_000) + ";";
    Throwable[] escaped = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        f.log("/app", "i-1", at(0, 10), line);
      } catch (Throwable t) {
        escaped[0] = t;
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();
    assertThat(escaped[0]).isNull();
    assertThat(f.logsDlq.isEmpty()).isTrue();
    assertThat(f.faults.degraded().snapshot()).isEmpty();
    assertThat(f.alertValues()).singleElement().satisfies(a -> {
      assertThat(a.getRuleId()).isEqualTo("users");
      assertThat(a.getToState().name()).isEqualTo("ALARM");
    });
  }

  @Test
  void aRecordOneThresholdRuleFailedOnStillReachesTheAnomalyModels() throws Exception {
    f.publish("""
        rules:
          - { id: count, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
              period: 60s, statistic: SampleCount, comparison: ">", threshold: 100, evaluationPeriods: 1, datapointsToAlarm: 1 }
          - { id: cpu-model, kind: anomaly, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
              model: robust, sensitivity: 3 }
        """);
    var scores = f.driver.createOutputTopic(f.topics.names().anomalyScores(), f.topics.anomalyScores().keySerde().deserializer(),
        f.topics.anomalyScores().valueSerde().deserializer());
    MetricDatapoint normal = TopologyFixture.datapoint("i-1", at(0), 5);
    f.metrics.pipeInput(SeriesKeys.of(normal), normal, at(0));
    assertThat(scores.readValuesToList()).hasSize(1);
    MetricDatapoint odd = MetricDatapoint.newBuilder(TopologyFixture.datapoint("i-1", at(1), 5)).setStatistic("Bogus").build();
    f.metrics.pipeInput(SeriesKeys.of(odd), odd, at(1));
    assertThat(f.metricsDlq.readRecordsToList()).hasSize(1);
    assertThat(scores.readValuesToList()).singleElement().satisfies(sc -> assertThat(sc.getRuleId()).isEqualTo("cpu-model"));
  }
}

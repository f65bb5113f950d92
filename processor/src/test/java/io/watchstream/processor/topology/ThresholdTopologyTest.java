package io.watchstream.processor.topology;

import io.watchstream.schemas.DeadLetterHeaders;

import static io.watchstream.processor.topology.TopologyFixture.at;
import static io.watchstream.processor.topology.TopologyFixture.cpuSeries;
import static io.watchstream.processor.topology.TopologyFixture.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.processor.eval.SeriesState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdTopologyTest {

  TopologyFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new TopologyFixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  static String cpuRule(int m, int n, String treat, String extra) {
    return """
        rules:
          - id: cpu-high
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            period: 60s
            statistic: Average
            comparison: ">"
            threshold: 50
            evaluationPeriods: %d
            datapointsToAlarm: %d
            treatMissingData: %s
            severity: critical
            labels: { team: infra }
        %s
        """.formatted(n, m, treat, extra.indent(4));
  }

  @Test
  void twoOfThreeAlarmsAndRecoversWithScalingCommandsLineageAndStoredState() throws Exception {
    f.publish(cpuRule(2, 3, "missing", """
        actions:
          notify: [ops]
          scaling: { autoScalingGroup: web-asg, onAlarm: { type: change, amount: 2 }, onOk: { type: change, amount: -1 } }
        """));
    f.cpu("i-1", at(0), 10);
    f.cpu("i-1", at(1), 60);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->OK");
    f.cpu("i-1", at(2), 70);
    List<TestRecord<io.watchstream.avro.AlertKey, AlertTransition>> alarm = f.alerts.readRecordsToList();
    assertThat(alarm).singleElement().satisfies(r -> {
      AlertTransition t = r.value();
      assertThat(r.key().getRuleId()).isEqualTo("cpu-high");
      assertThat(r.key().getSeriesKey()).isEqualTo(cpuSeries("i-1"));
      assertThat(t.getFromState()).isEqualTo(AlarmState.OK);
      assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getRuleVersion()).isEqualTo(1);
      assertThat(t.getRuleKind()).isEqualTo("threshold");
      assertThat(t.getSeverity()).isEqualTo("critical");
      assertThat(t.getLabels()).containsEntry("team", "infra");
      assertThat(t.getNotifyChannels()).containsExactly("ops");
      assertThat(t.getTransitionTime()).isEqualTo(at(3));
      assertThat(t.getWindowStart()).isEqualTo(at(0));
      assertThat(t.getWindowEnd()).isEqualTo(at(3));
      assertThat(t.getObservedValues()).containsExactly(10.0, 60.0, 70.0);
      assertThat(t.getThreshold()).isEqualTo(50.0);
      assertThat(t.getComparison()).isEqualTo(">");
      assertThat(t.getReason()).startsWith("Threshold Crossed: 2 out of the last 3 datapoints [10.0, 60.0, 70.0]");
      assertThat(t.getLineage().getDatapointTimestamps()).containsExactly(
          at(0).toEpochMilli(), at(1).toEpochMilli(), at(2).toEpochMilli());
      assertThat(t.getLineage().getInputs()).extracting(i -> i.getTopic() + "/" + i.getPartition() + "@" + i.getOffset())
          .containsExactly("metrics/0@0", "metrics/0@1", "metrics/0@2");
      assertThat(t.getAlertId()).matches("[0-9a-f]{32}")
          .isEqualTo(AlertFactory.alertId("cpu-high", 1, cpuSeries("i-1"), AlarmState.ALARM, at(3).toEpochMilli(), false));
    });
    ScalingCommand out = f.scaling.readValue();
    assertThat(out.getAutoScalingGroup()).isEqualTo("web-asg");
    assertThat(out.getAction()).isEqualTo(ScalingAction.CHANGE_CAPACITY);
    assertThat(out.getAmount()).isEqualTo(2);
    assertThat(out.getIdempotencyKey()).isEqualTo(alarm.get(0).value().getAlertId());
    assertThat(f.scaling.isEmpty()).isTrue();

    SeriesState stored = f.seriesState("cpu-high", cpuSeries("i-1"));
    assertThat(stored.state).isEqualTo(AlarmState.ALARM);
    assertThat(stored.stateSince).isEqualTo(at(3).toEpochMilli());
    assertThat(stored.evaluatedThrough).isEqualTo(at(3).toEpochMilli());
    assertThat(stored.dimensions).containsEntry("InstanceId", "i-1");

    f.cpu("i-1", at(3), 10);
    assertThat(f.alerts.isEmpty()).isTrue();
    f.cpu("i-1", at(4), 10);
    assertThat(path(f.alertValues())).containsExactly("ALARM->OK");
    assertThat(f.scaling.readValue().getAmount()).isEqualTo(-1);
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1")).state).isEqualTo(AlarmState.OK);
  }

  @Test
  void everyEvaluationAndTransitionIsCountedByRuleKindAndStateEntered() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.cpu("i-1", at(0), 90);
    f.cpu("i-1", at(1), 10);
    f.cpu("i-2", at(1), 10);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->ALARM", "ALARM->OK", "INSUFFICIENT_DATA->OK");
    RuleActivity activity = f.faults.activity();
    assertThat(activity.evaluations("threshold")).isGreaterThanOrEqualTo(3);
    assertThat(activity.transitions("threshold", "ALARM")).isEqualTo(1);
    assertThat(activity.transitions("threshold", "OK")).isEqualTo(2);
    assertThat(activity.transitions("threshold", "INSUFFICIENT_DATA")).isZero();
    assertThat(activity.evaluations("log-frequency")).isZero();
  }

  @Test
  void aRecoveryThresholdStopsAValueHoveringAtTheThresholdFromFlapping() throws Exception {
    f.publish(cpuRule(1, 1, "missing", "okThreshold: 40"));
    f.cpu("i-1", at(0), 60);
    f.cpu("i-1", at(1), 45); // below 50 but above 40: stays in ALARM
    f.cpu("i-1", at(2), 55);
    f.cpu("i-1", at(3), 35); // past the recovery threshold
    f.cpu("i-1", at(4), 45); // back above 40 but not above 50: stays OK
    f.cpu("i-1", at(5), 10);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->ALARM", "ALARM->OK");
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1")).state).isEqualTo(AlarmState.OK);
  }

  @Test
  void scaleInOnOkOnlyWhenTheRuleAsksForIt() throws Exception {
    f.publish(cpuRule(1, 1, "missing", "actions: { scaling: { autoScalingGroup: web-asg, onAlarm: { type: set, amount: 4 } } }"));
    f.cpu("i-1", at(0), 90);
    f.cpu("i-1", at(1), 10);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->ALARM", "ALARM->OK");
    assertThat(f.scaling.readValuesToList()).singleElement().satisfies(c -> {
      assertThat(c.getAction()).isEqualTo(ScalingAction.SET_DESIRED);
      assertThat(c.getAmount()).isEqualTo(4);
    });
  }

  @ParameterizedTest(name = "{0}: dead host ends {1}")
  @CsvSource({
      "missing, OK->INSUFFICIENT_DATA",
      "breaching, OK->ALARM",
      "notBreaching, ''",
      "ignore, ''",
  })
  void deadHostIsEvaluatedAsMissingDataWhileOtherSeriesMoveStreamTime(String treat, String expected) throws Exception {
    f.publish(cpuRule(2, 2, treat, ""));
    f.cpu("i-dead", at(0), 10);
    f.cpu("i-dead", at(1), 10);
    for (int minute = 0; minute <= 12; minute++) {
      f.cpu("i-live", at(minute), 10);
    }
    List<AlertTransition> all = f.alertValues();
    List<String> dead = path(all.stream().filter(t -> t.getSeriesKey().equals(cpuSeries("i-dead"))).toList());
    List<String> want = expected.isEmpty() ? List.of("INSUFFICIENT_DATA->OK") : List.of("INSUFFICIENT_DATA->OK", expected);
    assertThat(dead).containsExactlyElementsOf(want);
    assertThat(path(all.stream().filter(t -> t.getSeriesKey().equals(cpuSeries("i-live"))).toList()))
        .containsExactly("INSUFFICIENT_DATA->OK");
    AlarmState finalState = AlarmState.valueOf(want.get(want.size() - 1).split("->")[1]);
    assertThat(f.seriesState("cpu-high", cpuSeries("i-dead")).state).isEqualTo(finalState);
  }

  @Test
  void whenAllInputStopsTheWallClockStillMovesEvaluation() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.cpu("i-1", at(0), 10);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->OK");
    f.driver.advanceWallClockTime(Duration.ofSeconds(20));
    assertThat(f.alerts.isEmpty()).isTrue();
    f.driver.advanceWallClockTime(Duration.ofMinutes(10));
    assertThat(f.alertValues()).singleElement().satisfies(t -> {
      assertThat(t.getToState()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
      assertThat(t.getReason()).isEqualTo("Insufficient Data: 3 datapoints were unknown.");
    });
  }

  @ParameterizedTest(name = "{0} of {1}: {2} -> {3}")
  @CsvSource({
      "1, 1, 60,                   ALARM",
      "1, 1, 10,                   OK",
      "2, 2, 60 10,                OK",
      "2, 2, 60 60,                ALARM",
      "2, 3, 60 10 60,             ALARM",
      "3, 3, 60 10 60,             OK",
      "3, 3, 60 60 60,             ALARM",
      "3, 5, 60 10 60 10 60,       ALARM",
      "3, 5, 60 60 60 10 10 10,    OK",
      "4, 5, 60 60 10 60 60,       ALARM",
      "2, 4, 10 10 10 60,          OK",
  })
  void mOfNCombinations(int m, int n, String values, String finalState) throws Exception {
    f.publish(cpuRule(m, n, "missing", ""));
    double[] v = Arrays.stream(values.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    for (int i = 0; i < v.length; i++) {
      f.cpu("i-1", at(i), v[i]);
    }
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1")).state).isEqualTo(AlarmState.valueOf(finalState));
    List<AlertTransition> all = f.alertValues();
    assertThat(all.get(all.size() - 1).getToState()).isEqualTo(AlarmState.valueOf(finalState));
  }

  @Test
  void lateDatapointGoesToTheLateTopicAndIsCounted() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    for (int minute = 0; minute <= 5; minute++) {
      f.cpu("i-1", at(minute), 10);
    }
    f.alerts.readValuesToList();
    f.cpu("i-1", at(1), 99);
    TestRecord<io.watchstream.avro.MetricSeriesKey, io.watchstream.avro.MetricDatapoint> late = f.lateMetrics.readRecord();
    assertThat(late.value().getValue()).isEqualTo(99.0);
    assertThat(io.watchstream.schemas.DeadLetterHeaders.text(late.headers(), io.watchstream.schemas.DeadLetterHeaders.KIND)).isEqualTo("late");
    assertThat(io.watchstream.schemas.DeadLetterHeaders.text(late.headers(), io.watchstream.schemas.DeadLetterHeaders.ERROR_MESSAGE))
        .contains("after its period closed");
    assertThat(io.watchstream.schemas.DeadLetterHeaders.sourceOf(late.headers()))
        .isEqualTo(new io.watchstream.schemas.DeadLetterHeaders.Source("metrics", 0, 6)); // the seventh datapoint
    assertThat(f.alerts.isEmpty()).isTrue();
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1")).lateDatapoints).isEqualTo(1);
    // within grace (one period) is not late: it is used
    f.cpu("i-1", at(5), 10);
    assertThat(f.lateMetrics.isEmpty()).isTrue();
  }

  @Test
  void changedRuleTakesEffectWithoutRestartAndAlertsNameTheNewVersion() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.cpu("i-1", at(0), 60);
    assertThat(f.alertValues()).singleElement().satisfies(t -> {
      assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getRuleVersion()).isEqualTo(1);
    });
    f.publish(cpuRule(1, 1, "missing", "").replace("threshold: 50", "threshold: 75"));
    assertThat(f.rulesStore().get("cpu-high").version()).isEqualTo(2);
    f.cpu("i-1", at(1), 60);
    assertThat(f.alertValues()).singleElement().satisfies(t -> {
      assertThat(t.getFromState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getToState()).isEqualTo(AlarmState.OK);
      assertThat(t.getRuleVersion()).isEqualTo(2);
      assertThat(t.getThreshold()).isEqualTo(75.0);
    });
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1")).ruleVersion).isEqualTo(2);
  }

  @Test
  void everyRuleOfOneInstanceIsKeptInOneStoreEntryAndFinerSeriesOfAnyStatisticFeedTheSameState() throws Exception {
    f.publish(cpuRule(1, 1, "missing", "") + """
          - id: cpu-samples
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            period: 5m
            statistic: SampleCount
            comparison: ">="
            threshold: 100
        """);
    f.cpu("i-1", at(0), 60);
    var max = TopologyFixture.datapoint("i-1", at(0, 30), 70);
    max.setStatistic("Maximum");
    f.metrics.pipeInput(io.watchstream.schemas.SeriesKeys.of(max), max, at(0, 30));
    f.cpu("i-2", at(0), 10);

    var entry = f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-1}");
    assertThat(entry.states).extracting(s -> s.ruleId + " " + s.seriesKey).containsExactly(
        "cpu-high AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60",
        "cpu-samples AWS/EC2/CPUUtilization{InstanceId=i-1}/SampleCount/300");
    assertThat(entry.dimensions).containsExactly(java.util.Map.entry("InstanceId", "i-1"));
    // the Average and the Maximum series of i-1 are two samples of the one (cpu-samples, i-1) state
    assertThat(f.seriesState("cpu-samples", "AWS/EC2/CPUUtilization{InstanceId=i-1}/SampleCount/300").buckets.values())
        .singleElement().satisfies(b -> assertThat(b.count).isEqualTo(2));
    assertThat(f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-2}").states).hasSize(2);
  }

  @Test
  void aNewRuleVersionWithAnotherPeriodMovesTheStateToTheNewSeriesKeyAndKeepsTheAlarmState() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.cpu("i-1", at(0), 60);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->ALARM");
    f.publish(cpuRule(1, 1, "missing", "").replace("period: 60s", "period: 120s"));
    f.cpu("i-1", at(2), 60);
    f.cpu("i-1", at(3), 70);
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1"))).isNull();
    var moved = f.seriesState("cpu-high", "AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/120");
    assertThat(moved.ruleVersion).isEqualTo(2);
    assertThat(moved.state).isEqualTo(AlarmState.ALARM);
    assertThat(f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-1}").states).hasSize(1);
  }

  @Test
  void malformedRuleRecordIsRejectedAndThePreviousVersionStaysInForce() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.publishRaw("cpu-high", RuleRecord.newBuilder().setRuleId("cpu-high").setVersion(2).setKind("threshold")
        .setDefinitionJson("{\"id\":\"cpu-high\",\"kind\":\"threshold\",\"threshold\":\"lots\"}")
        .setSource("hand-written").setPublishedAt(Instant.EPOCH).build());
    RuleEntry entry = f.rulesStore().get("cpu-high");
    assertThat(entry.version()).isEqualTo(1);
    assertThat(entry.rejected().version()).isEqualTo(2);

    f.cpu("i-1", at(0), 60);
    assertThat(f.alertValues()).singleElement().satisfies(t -> assertThat(t.getRuleVersion()).isEqualTo(1));
    TestRecord<String, RuleRecord> rejected = f.rejected.readRecord();
    assertThat(rejected.key()).isEqualTo("cpu-high");
    assertThat(rejected.value().getVersion()).isEqualTo(2);
    assertThat(DeadLetterHeaders.text(rejected.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("not a valid rule");
    assertThat(DeadLetterHeaders.text(rejected.headers(), DeadLetterHeaders.KIND)).isEqualTo("bad-record");
    assertThat(DeadLetterHeaders.text(rejected.headers(), DeadLetterHeaders.STAGE)).isEqualTo("validate");
    assertThat(DeadLetterHeaders.text(rejected.headers(), DeadLetterHeaders.RULE_ID)).isEqualTo("cpu-high");
    assertThat(DeadLetterHeaders.text(rejected.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("rules");
    assertThat(DeadLetterHeaders.text(rejected.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(DeadLetterHeaders.text(rejected.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
    assertThat(new String(rejected.headers().lastHeader("watchstream.version.in.force").value(), StandardCharsets.UTF_8)).isEqualTo("1");
    f.cpu("i-1", at(1), 60);
    assertThat(f.rejected.isEmpty()).as("reported once").isTrue();
  }

  @Test
  void deletedRuleStopsEvaluatingAndItsStateIsDropped() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.cpu("i-1", at(0), 60);
    f.alerts.readValuesToList();
    f.rules.pipeInput("cpu-high", null, TopologyFixture.T0);
    f.cpu("i-2", at(1), 60);
    f.cpu("i-2", at(3), 60);
    assertThat(f.alerts.isEmpty()).isTrue();
    assertThat(f.seriesState("cpu-high", cpuSeries("i-1"))).isNull();
    assertThat(f.instanceStates("AWS/EC2/CPUUtilization{InstanceId=i-1}")).as("an instance without rules leaves the store").isNull();
  }

  @Test
  void remindersRepeatWhileInAlarm() throws Exception {
    f.publish(cpuRule(1, 1, "ignore", "reminderEvery: 5m"));
    for (int minute = 0; minute <= 11; minute++) {
      f.cpu("i-1", at(minute), 90);
    }
    assertThat(path(f.alertValues())).containsExactly(
        "INSUFFICIENT_DATA->ALARM", "ALARM->ALARM(reminder)", "ALARM->ALARM(reminder)");
  }

  @Test
  void undecodableAndInvalidRecordsGoToTheDeadLetterTopicAndProcessingContinues() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.rawMetrics.pipeInput("garbage".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 99, 1, 2}, at(0));
    TestRecord<byte[], byte[]> dead = f.metricsDlq.readRecord();
    assertThat(dead.value()).containsExactly(0, 0, 0, 0, 99, 1, 2);
    assertThat(new String(dead.headers().lastHeader("watchstream.source.topic").value(), StandardCharsets.UTF_8)).isEqualTo("metrics");
    assertThat(dead.headers().lastHeader("watchstream.error.class")).isNotNull();

    var nan = TopologyFixture.datapoint("i-1", at(0), Double.NaN);
    f.metrics.pipeInput(io.watchstream.schemas.SeriesKeys.of(nan), nan, at(0));
    assertThat(f.metricsDlq.readRecordsToList()).hasSize(1);

    f.cpu("i-1", at(1), 90);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->ALARM");
  }

  @Test
  void finerDatapointsAreAggregatedAndACertainMaximumBreachDoesNotWaitForThePeriodEnd() throws Exception {
    f.publish("""
        rules:
          - id: cpu-max
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            period: 5m
            statistic: Maximum
            comparison: ">="
            threshold: 95
        """);
    for (int second = 0; second < 60; second += 10) {
      var dp = TopologyFixture.datapoint("i-1", at(0, second), 50 + second / 10.0);
      dp.setStatistic("Maximum");
      dp.setPeriodSeconds(10);
      f.metrics.pipeInput(io.watchstream.schemas.SeriesKeys.of(dp), dp, at(0, second));
    }
    assertThat(f.alerts.isEmpty()).isTrue();
    var spike = TopologyFixture.datapoint("i-1", at(1, 30), 97);
    spike.setStatistic("Maximum");
    spike.setPeriodSeconds(10);
    f.metrics.pipeInput(io.watchstream.schemas.SeriesKeys.of(spike), spike, at(1, 30));
    assertThat(f.alertValues()).singleElement().satisfies(t -> {
      assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getSeriesKey()).isEqualTo("AWS/EC2/CPUUtilization{InstanceId=i-1}/Maximum/300");
      assertThat(t.getObservedValues()).containsExactly(97.0);
      assertThat(t.getWindowEnd()).isEqualTo(at(5));
      assertThat(t.getLineage().getDatapointTimestamps()).hasSize(7);
    });
    assertThat(f.seriesState("cpu-max", "AWS/EC2/CPUUtilization{InstanceId=i-1}/Maximum/300").buckets).hasSize(1);
  }

  @Test
  void undecodableRuleRecordDoesNotStopTheEngine() throws Exception {
    f.publish(cpuRule(1, 1, "missing", ""));
    f.driver.createInputTopic("rules", new org.apache.kafka.common.serialization.ByteArraySerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())
        .pipeInput("cpu-high".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8), at(0));
    assertThat(f.rulesStore().get("cpu-high").version()).isEqualTo(1);
    f.cpu("i-1", at(0), 90);
    assertThat(path(f.alertValues())).containsExactly("INSUFFICIENT_DATA->ALARM");
  }

  @Test
  void anomalyRulesAreListedForTheAnomalyProcessorAndIgnoredByThresholdEvaluation() throws Exception {
    ProcessorTopology.Built built = ProcessorTopology.buildWithCatalog(
        io.watchstream.processor.app.ProcessorConfig.defaults().topologySettings(), f.topics);
    try (org.apache.kafka.streams.TopologyTestDriver d = new org.apache.kafka.streams.TopologyTestDriver(built.topology(),
        new java.util.Properties(), TopologyFixture.T0)) {
      var in = d.createInputTopic("rules", f.topics.rules().keySerde().serializer(), f.topics.rules().valueSerde().serializer());
      var loaded = new io.watchstream.processor.rules.RuleFileLoader().parse("a.yaml", """
          rules:
            - { id: lat, kind: anomaly, metric: { namespace: AWS/ELB, name: Latency }, model: robust, sensitivity: 2.5 }
          """);
      for (RuleRecord r : io.watchstream.processor.rules.RuleVersions.toPublish(java.util.Map.of(), loaded, TopologyFixture.T0)) {
        in.pipeInput(r.getRuleId(), r);
      }
      assertThat(built.catalog().anomalyRules()).singleElement().satisfies(a -> {
        assertThat(a.id()).isEqualTo("lat");
        assertThat(a.sensitivity()).isEqualTo(2.5);
      });
      in.pipeInput("lat", null);
      assertThat(built.catalog().anomalyRules()).isEmpty();
    }
  }
}

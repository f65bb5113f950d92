package io.watchstream.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.replay.CsvSeriesMapping;
import io.watchstream.replay.FileInputs;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.replay.TopologyDriverEngine;
import io.watchstream.replay.RunResult;
import io.watchstream.replay.Transition;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.schemas.SeriesKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The in-memory engine must produce what the processor topology produces when Kafka Streams runs it (here in a
 * TopologyTestDriver): the same transitions — rule, series, time, window, states, reason, lineage — the same
 * scaling commands and the same late-data count, for threshold, log and anomaly rules, with 1 thread or many.
 * Order across series may differ (tasks run independently), so outputs are compared sorted.
 */
class InMemoryReplayEngineTest {

  static final Path RES = Path.of("src/test/resources/replay");
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 8})
  void theNabFixtureGivesWhatTheTopologyGivesWhateverTheThreadCount(int threads) throws Exception {
    List<ReplayRecord> input = FileInputs.read(RES.resolve("fixture"), CsvSeriesMapping.defaults());
    for (String file : List.of("nab-rules.yaml", "nab-candidate.yaml")) {
      List<LoadedRule> rules = new RuleFileLoader().load(RES.resolve(file));
      assertSameOutputs(rules, input, threads);
    }
  }

  @Test
  void aSeriesThatStopsReportingInAnotherTaskIsStillEvaluatedOnTheSharedClock() throws Exception {
    List<LoadedRule> rules = new RuleFileLoader().parse("rules.yaml", """
        rules:
          - id: high
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            period: 60s
            comparison: ">"
            threshold: 50
            evaluationPeriods: 2
            datapointsToAlarm: 2
            treatMissingData: breaching
            reminderEvery: 3m
            actions: { notify: [ops], scaling: { autoScalingGroup: web, onAlarm: { type: change, amount: 1 } } }
        """);
    List<ReplayRecord> input = new ArrayList<>();
    Random random = new Random(7);
    for (int minute = 0; minute < 40; minute++) {
      for (int host = 0; host < 20; host++) {
        if (host % 5 == 0 && minute > 10) {
          continue; // every fifth host dies at minute 10: missing data, breaching, reminders
        }
        input.add(cpu("i-" + host, T0.plusSeconds(60L * minute + host), 30 + random.nextInt(40)));
      }
    }
    RunResult direct = assertSameOutputs(rules, input, 2);
    assertThat(direct.transitions()).filteredOn(t -> t.seriesKey().contains("InstanceId=i-5}"))
        .extracting(t -> t.to() + (t.reminder() ? " (reminder)" : ""))
        .containsSubsequence("ALARM", "ALARM (reminder)", "ALARM (reminder)");
  }

  @Test
  void logRulesGiveWhatTheTopologyGives() throws Exception {
    List<LoadedRule> rules = new RuleFileLoader().parse("rules.yaml", """
        rules:
          - { id: ssh, kind: log-frequency, logs: { group: /var/log/secure, per: stream }, pattern: '"Failed password"',
              window: 5m, grace: 0s, threshold: 3 }
          - { id: heartbeat, kind: log-flatline, logs: { group: /app/heartbeat, per: stream }, pattern: HEARTBEAT, window: 2m, grace: 0s }
          - { id: new-user, kind: log-new-term, logs: { group: /var/log/secure }, pattern: '"Accepted publickey"',
              field: 'for (\\\\S+) from', lookback: 1d, window: 1m, grace: 0s }
        """);
    List<ReplayRecord> input = new ArrayList<>();
    for (int minute = 0; minute < 30; minute++) {
      Instant at = T0.plusSeconds(60L * minute);
      input.add(log("/app/heartbeat", "worker-1", at, "HEARTBEAT ok"));
      if (minute < 12 || minute > 20) {
        input.add(log("/app/heartbeat", "worker-2", at.plusSeconds(1), "HEARTBEAT ok"));
      }
      if (minute % 7 == 3) {
        for (int i = 0; i < 4; i++) {
          input.add(log("/var/log/secure", "i-" + (minute % 2), at.plusSeconds(10 + i), "sshd: Failed password for root"));
        }
      }
      if (minute % 9 == 0) {
        input.add(log("/var/log/secure", "i-1", at.plusSeconds(30), "Accepted publickey for user" + minute / 18 + " from 10.0.0.1"));
      }
    }
    RunResult direct = assertSameOutputs(rules, input, 2);
    assertThat(direct.transitions()).extracting(Transition::ruleId).contains("ssh", "heartbeat", "new-user");
  }

  @Test
  void anomalyRulesGiveWhatTheTopologyGives() throws Exception {
    List<LoadedRule> rules = new RuleFileLoader().parse("rules.yaml", """
        rules:
          - id: cpu-anomaly
            kind: anomaly
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            model: robust
            sensitivity: 3
            direction: above
            evaluationPeriods: 1
            minTrainingPeriods: 30
        """);
    List<ReplayRecord> input = new ArrayList<>();
    Random noise = new Random(42);
    for (int minute = 0; minute < 150; minute++) {
      for (int host = 0; host < 3; host++) {
        double v = 50 + noise.nextGaussian() + (minute == 120 + host * 5 ? 400 : 0);
        input.add(cpu("i-" + host, T0.plusSeconds(60L * minute), v));
      }
    }
    RunResult direct = assertSameOutputs(rules, input, 2);
    assertThat(direct.transitions()).filteredOn(t -> t.to() == io.watchstream.avro.AlarmState.ALARM).hasSize(3);
  }

  @Test
  void aTimeRangeIsEvaluatedToItsEndNotJustToItsLastRecord() throws Exception {
    List<LoadedRule> rules = new RuleFileLoader().parse("rules.yaml", """
        rules:
          - id: hot
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            period: 60s
            comparison: ">"
            threshold: 50
            treatMissingData: notBreaching
        """);
    List<ReplayRecord> input = List.of(cpu("i-1", T0, 90), cpu("i-1", T0.plusSeconds(60), 90), cpu("i-1", T0.plusSeconds(120), 90));
    InMemoryReplayEngine engine = new InMemoryReplayEngine(ProcessorConfig.defaults(), false, 2);

    RunResult toLastRecord = engine.run("rules", rules, input);
    RunResult toRangeEnd = engine.run("rules", rules, input, T0.plusSeconds(600).toEpochMilli());

    assertThat(toLastRecord.transitions()).extracting(t -> t.to() + "@" + Instant.ofEpochMilli(t.time()))
        .containsExactly("ALARM@2026-03-01T00:01:00Z");
    // the range says nothing arrived after minute 2: once the whole evaluation range (N + 2 = 3 periods) is
    // missing, notBreaching decides OK (at the end of minute 5; known once grace, one period, has passed)
    assertThat(toRangeEnd.transitions()).extracting(t -> t.to() + "@" + Instant.ofEpochMilli(t.time()))
        .containsExactly("ALARM@2026-03-01T00:01:00Z", "OK@2026-03-01T00:06:00Z");
    assertThat(toRangeEnd.lastTimestamp()).isEqualTo(T0.plusSeconds(600).toEpochMilli());
  }

  /** Runs both engines; asserts equal outputs; returns the in-memory engine's result. */
  static RunResult assertSameOutputs(List<LoadedRule> rules, List<ReplayRecord> input, int threads) {
    RunResult topology = new TopologyDriverEngine(TopologyDriverEngine.TopologyFactory.processor(), "", true).run("rules", rules, input);
    RunResult direct = new InMemoryReplayEngine(ProcessorConfig.defaults(), true, threads).run("rules", rules, input);
    assertThat(topology.transitions()).as("the fixture must produce transitions to compare").isNotEmpty();
    assertThat(sorted(direct)).isEqualTo(sorted(topology));
    // lineage: the same input records; live, a log line's lineage names the repartition topic it was read from,
    // the in-memory engine (which has no repartition topic) names the logs topic, at the same offsets
    assertThat(direct.alerts().stream().map(a -> a.getLineage().toString()).sorted().toList())
        .isEqualTo(topology.alerts().stream().map(a -> a.getLineage().toString().replaceAll("replay-[0-9a-f-]+-logs-by-group-repartition", "logs"))
            .sorted().toList());
    assertThat(direct.scalingCommands().stream().map(ScalingCommand::toString).sorted().toList())
        .isEqualTo(topology.scalingCommands().stream().map(ScalingCommand::toString).sorted().toList());
    assertThat(direct.anomalyScores().stream().map(Object::toString).sorted().toList())
        .isEqualTo(topology.anomalyScores().stream().map(Object::toString).sorted().toList());
    assertThat(direct.lateRecords()).isEqualTo(topology.lateRecords());
    assertThat(direct.deadLetters()).isEqualTo(topology.deadLetters());
    assertThat(direct.inputRecords()).isEqualTo(input.size());
    // within one series, transitions come in time order, as the topology emits them
    assertThat(direct.transitions()).isSortedAccordingTo(Comparator.comparingLong(Transition::sequence));
    return direct;
  }

  /** Transitions without their position in the output stream, sorted. */
  static List<String> sorted(RunResult r) {
    return r.transitions().stream()
        .map(t -> String.join("|", t.ruleId(), String.valueOf(t.ruleVersion()), t.seriesKey(), String.valueOf(t.time()),
            String.valueOf(t.windowStart()), String.valueOf(t.windowEnd()), t.from() + ">" + t.to(), String.valueOf(t.reminder()), t.reason()))
        .sorted().toList();
  }

  static ReplayRecord cpu(String instance, Instant at, double value) {
    MetricDatapoint dp = MetricDatapoint.newBuilder()
        .setNamespace("AWS/EC2").setMetricName("CPUUtilization").setDimensions(List.of(new Dimension("InstanceId", instance)))
        .setTimestamp(at).setValue(value).setUnit("Percent").setStatistic("Average").setPeriodSeconds(60).setSource("test").build();
    return new ReplayRecord.Metric(SeriesKeys.of(dp), dp);
  }

  static int logSeq;

  static ReplayRecord log(String group, String stream, Instant at, String message) {
    LogEvent e = LogEvent.newBuilder().setLogGroup(group).setLogStream(stream).setEventId("e" + (logSeq++))
        .setTimestamp(at).setIngestionTime(at).setMessage(message).build();
    return new ReplayRecord.Log(new LogStreamKey(group, stream), e);
  }
}

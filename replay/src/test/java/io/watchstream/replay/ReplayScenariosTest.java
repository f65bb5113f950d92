package io.watchstream.replay;

import static io.watchstream.avro.AlarmState.ALARM;
import static io.watchstream.avro.AlarmState.INSUFFICIENT_DATA;
import static io.watchstream.avro.AlarmState.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.watchstream.replay.engine.InMemoryReplayEngine;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays file input through the processor's rule processors (the in-memory engine that {@code watchstream replay} uses). */
class ReplayScenariosTest {

  @TempDir Path dir;

  static final String RULES = """
      rules:
        - id: high
          kind: threshold
          metric: { namespace: Replay, name: value, dimensions: { Series: "*" } }
          period: 5m
          statistic: Average
          comparison: ">"
          threshold: 50
          evaluationPeriods: 2
          datapointsToAlarm: 2
          treatMissingData: breaching
          actions:
            notify: [ops]
            scaling: { autoScalingGroup: web, onAlarm: { type: change, amount: 1 } }
      """;

  static long t(String hhmm) {
    return Instant.parse("2014-01-01T" + hhmm + ":00Z").toEpochMilli();
  }

  List<LoadedRule> rules() throws Exception {
    return new RuleFileLoader().parse("rules.yaml", RULES);
  }

  @Test
  void thresholdRuleAlarmsAndRecoversInEventTimeThroughTheProcessorTopology() throws Exception {
    Files.writeString(dir.resolve("a.csv"), """
        timestamp,value
        2014-01-01 00:00:00,10
        2014-01-01 00:05:00,60
        2014-01-01 00:10:00,70
        2014-01-01 00:15:00,20
        2014-01-01 00:20:00,20
        """);
    List<ReplayRecord> input = FileInputs.read(dir, CsvSeriesMapping.defaults());
    RunResult r = InMemoryReplayEngine.withDefaults(true).run("rules", rules(), input);

    assertThat(r.inputRecords()).isEqualTo(5);
    assertThat(r.transitions()).extracting(Transition::ruleId, Transition::seriesKey, Transition::from, Transition::to, Transition::time)
        .containsExactly(
            tuple("high", "Replay/value{Series=a}/Average/300", INSUFFICIENT_DATA, OK, t("00:05")),
            tuple("high", "Replay/value{Series=a}/Average/300", OK, ALARM, t("00:15")),
            tuple("high", "Replay/value{Series=a}/Average/300", ALARM, OK, t("00:20")));
    assertThat(r.scalingCommands()).singleElement().satisfies(c -> {
      assertThat(c.getAutoScalingGroup()).isEqualTo("web");
      assertThat(c.getTriggerTime()).isEqualTo(Instant.ofEpochMilli(t("00:15")));
    });
    assertThat(r.transitions()).extracting(Transition::slackMessages).containsExactly(0, 1, 1);
  }

  @Test
  void aSeriesThatStopsReportingIsEvaluatedAsMissingWhileAnotherFileAdvancesTheClock() throws Exception {
    Files.writeString(dir.resolve("alive.csv"), """
        timestamp,value
        2014-01-01 00:00:00,1
        2014-01-01 00:05:00,1
        2014-01-01 00:10:00,1
        2014-01-01 00:15:00,1
        2014-01-01 00:20:00,1
        2014-01-01 00:25:00,1
        2014-01-01 00:30:00,1
        2014-01-01 00:35:00,1
        """);
    Files.writeString(dir.resolve("dead.csv"), """
        timestamp,value
        2014-01-01 00:00:00,1
        2014-01-01 00:05:00,1
        """);
    RunResult r = InMemoryReplayEngine.withDefaults(true)
        .run("rules", rules(), FileInputs.read(dir, CsvSeriesMapping.defaults()));
    // breaching missing data: once the whole evaluation range (N + 2 = 4 periods) is missing -> ALARM for
    // the period ending 00:30, decided only because the other file's clock passes 00:30 + grace
    assertThat(r.transitions()).filteredOn(tr -> tr.seriesKey().contains("dead"))
        .extracting(Transition::from, Transition::to, Transition::time)
        .containsExactly(tuple(INSUFFICIENT_DATA, OK, t("00:05")), tuple(OK, ALARM, t("00:30")));
    assertThat(r.transitions()).filteredOn(tr -> tr.seriesKey().contains("alive")).extracting(Transition::to).containsExactly(OK);
  }
}

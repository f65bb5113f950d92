package io.watchstream.processor.topology;

import static io.watchstream.processor.topology.TopologyFixture.at;
import static io.watchstream.processor.topology.TopologyFixture.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.processor.eval.LogSeriesState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogRulesTopologyTest {

  TopologyFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new TopologyFixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void frequencyRuleAlarmsOnTheKthMatchingLineWithoutWaitingForTheWindow() throws Exception {
    f.publish("""
        rules:
          - { id: ssh, kind: log-frequency, logs: { group: /var/log/secure, per: stream }, pattern: '"Failed password"',
              window: 5m, grace: 0s, threshold: 3 }
        """);
    f.log("/var/log/secure", "i-1", at(0, 10), "sshd: Failed password for root");
    f.log("/var/log/secure", "i-1", at(0, 20), "sshd: Accepted password for bob");
    f.log("/var/log/secure", "i-1", at(0, 30), "sshd: Failed password for admin");
    assertThat(f.alerts.isEmpty()).isTrue();
    f.log("/var/log/secure", "i-1", at(1, 0), "sshd: Failed password for pi");
    List<AlertTransition> alarm = f.alertValues();
    assertThat(alarm).singleElement().satisfies(t -> {
      assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getSeriesKey()).isEqualTo("/var/log/secure/i-1");
      assertThat(t.getRuleKind()).isEqualTo("log-frequency");
      assertThat(t.getTransitionTime()).isEqualTo(at(1, 0));
      assertThat(t.getWindowStart()).isEqualTo(at(0));
      assertThat(t.getWindowEnd()).isEqualTo(at(5));
      assertThat(t.getObservedValues()).containsExactly(3.0);
      assertThat(t.getLineage().getInputs()).extracting(i -> i.getOffset()).containsExactly(0L, 2L, 3L);
      assertThat(t.getReason()).isEqualTo("3 matching lines in 5m (ALARM at 3 or more).");
    });
    LogSeriesState s = f.logState("ssh", "/var/log/secure/i-1");
    assertThat(s.count).isEqualTo(3);
    assertThat(s.state).isEqualTo(AlarmState.ALARM);
    // a quiet window closes (other streams move time) and the alarm clears
    f.log("/var/log/secure", "i-2", at(11), "sshd: Failed password for x");
    assertThat(path(f.alertValues().stream().filter(t -> t.getSeriesKey().endsWith("i-1")).toList())).containsExactly("ALARM->OK");
  }

  @Test
  void flatlineRuleAlarmsWhenAHeartbeatStopsAndClearsOnTheNextOne() throws Exception {
    f.publish("""
        rules:
          - { id: heartbeat, kind: log-flatline, logs: { group: /app/heartbeat, per: stream }, pattern: HEARTBEAT, window: 2m, grace: 0s }
        """);
    for (int minute = 0; minute < 4; minute++) {
      f.log("/app/heartbeat", "worker-1", at(minute), "HEARTBEAT ok");
      f.log("/app/heartbeat", "worker-2", at(minute), "HEARTBEAT ok");
    }
    assertThat(path(f.alertValues())).containsOnly("INSUFFICIENT_DATA->OK");
    for (int minute = 4; minute < 9; minute++) {
      f.log("/app/heartbeat", "worker-2", at(minute), "HEARTBEAT ok");
    }
    List<AlertTransition> dead = f.alertValues().stream().filter(t -> t.getSeriesKey().endsWith("worker-1")).toList();
    assertThat(path(dead)).containsExactly("OK->ALARM");
    assertThat(dead.get(0).getWindowEnd()).isEqualTo(at(6));
    assertThat(dead.get(0).getObservedValues()).containsExactly(0.0);
    f.log("/app/heartbeat", "worker-1", at(9), "HEARTBEAT back");
    assertThat(path(f.alertValues().stream().filter(t -> t.getSeriesKey().endsWith("worker-1")).toList())).containsExactly("ALARM->OK");
  }

  @Test
  void flatlineAlsoFiresWhenEveryLogSourceStops() throws Exception {
    f.publish("""
        rules:
          - { id: heartbeat, kind: log-flatline, logs: { group: /app/heartbeat }, pattern: HEARTBEAT, window: 1m, grace: 0s }
        """);
    f.log("/app/heartbeat", "w", at(0), "HEARTBEAT");
    f.log("/app/heartbeat", "w", at(1), "HEARTBEAT");
    f.alerts.readValuesToList();
    f.driver.advanceWallClockTime(Duration.ofMinutes(3));
    assertThat(path(f.alertValues())).containsExactly("OK->ALARM");
  }

  @Test
  void spikeRuleComparesAWindowWithItsBaseline() throws Exception {
    f.publish("""
        rules:
          - { id: errors, kind: log-spike, logs: { group: /app/api }, pattern: '{ $.level = "ERROR" }',
              window: 1m, grace: 0s, baselineWindows: 3, ratio: 3, minCount: 5 }
        """);
    for (int minute = 0; minute < 3; minute++) {
      for (int i = 0; i < 4; i++) {
        f.log("/app/api", "s", at(minute, i), "{\"level\":\"ERROR\",\"i\":" + i + "}");
        f.log("/app/api", "s", at(minute, 10 + i), "{\"level\":\"INFO\"}");
      }
    }
    assertThat(f.alerts.isEmpty()).isTrue();
    for (int i = 0; i < 12; i++) {
      f.log("/app/api", "s", at(3, i), "{\"level\":\"ERROR\"}");
    }
    assertThat(f.alertValues()).singleElement().satisfies(t -> {
      assertThat(t.getFromState()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
      assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getTransitionTime()).isEqualTo(at(3, 11));
      assertThat(t.getReason()).contains("12 matching lines in 1m against a baseline of 4.0 over 3 windows");
    });
  }

  @Test
  void newTermRuleAlarmsOnAValueNotSeenInTheLookback() throws Exception {
    f.publish("""
        rules:
          - { id: new-user, kind: log-new-term, logs: { group: /var/log/secure }, pattern: '"Accepted publickey"',
              field: 'for (\\S+) from', lookback: 1d, window: 1m, grace: 0s }
        """);
    f.log("/var/log/secure", "i-1", at(0), "Accepted publickey for deploy from 10.0.0.1");
    assertThat(f.alertValues()).singleElement().satisfies(t -> {
      assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getReason()).contains("[deploy]");
    });
    f.log("/var/log/secure", "i-1", at(2), "Accepted publickey for deploy from 10.0.0.2");
    assertThat(path(f.alertValues())).containsExactly("ALARM->OK");
    f.log("/var/log/secure", "i-2", at(4), "Accepted publickey for mallory from 6.6.6.6");
    assertThat(f.alertValues()).singleElement().satisfies(t -> assertThat(t.getReason()).contains("[mallory]"));
    org.apache.kafka.streams.state.KeyValueStore<String, Long> terms = f.driver.getKeyValueStore(ProcessorTopology.TERMS_STORE);
    assertThat(terms.get("new-user|/var/log/secure|deploy")).isEqualTo(at(2).toEpochMilli());
  }

  @Test
  void lateLogLinesGoToTheLateTopic() throws Exception {
    f.publish("""
        rules:
          - { id: errors, kind: log-frequency, logs: { group: /app/api }, pattern: ERROR, window: 1m, grace: 10s, threshold: 100 }
        """);
    f.log("/app/api", "s", at(5), "ERROR now");
    f.log("/app/api", "s", at(1), "ERROR long ago");
    assertThat(f.lateLogs.readValuesToList()).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo("ERROR long ago"));
    assertThat(f.logState("errors", "/app/api").lateLines).isEqualTo(1);
  }

  @Test
  void changedLogRuleTakesEffectWithoutRestart() throws Exception {
    f.publish("""
        rules:
          - { id: errors, kind: log-frequency, logs: { group: /app/api }, pattern: ERROR, window: 1m, grace: 0s, threshold: 3 }
        """);
    f.log("/app/api", "s", at(0, 1), "ERROR a");
    f.log("/app/api", "s", at(0, 2), "ERROR b");
    assertThat(f.alerts.isEmpty()).isTrue();
    f.publish("""
        rules:
          - { id: errors, kind: log-frequency, logs: { group: /app/api }, pattern: ERROR, window: 1m, grace: 0s, threshold: 2 }
        """);
    f.log("/app/api", "s", at(1, 1), "ERROR c");
    f.log("/app/api", "s", at(1, 2), "ERROR d");
    // the first window closes under the rule in force at its close (v2: 2 lines reach the new threshold)
    assertThat(f.alertValues()).singleElement().satisfies(t -> {
      assertThat(t.getToState()).isEqualTo(AlarmState.ALARM);
      assertThat(t.getRuleVersion()).isEqualTo(2);
      assertThat(t.getWindowEnd()).isEqualTo(at(1));
    });
    assertThat(f.logState("errors", "/app/api").ruleVersion).isEqualTo(2);
  }
}

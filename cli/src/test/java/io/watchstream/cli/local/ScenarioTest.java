package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.Dimension;
import io.watchstream.cli.local.Scenario.LogLine;
import io.watchstream.cli.local.Scenario.MetricSample;
import io.watchstream.processor.logs.LogPattern;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.LogFrequencyRule;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.processor.rules.ThresholdRule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scenario and the bundled rules tell the same story: evaluated naively (N consecutive breaching
 * minutes, K lines in a window), each incident rule fires on exactly the series the story says, and on no
 * healthy one.
 */
class ScenarioTest {

  private static final Scenario.Fleet FLEET = Scenario.Fleet.sample();
  private final Scenario scenario = new Scenario(FLEET, Instant.parse("2026-01-01T00:00:30Z"));

  @Test
  void minuteZeroIsTruncatedToTheMinute() {
    assertThat(scenario.minuteZero()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(scenario.minuteOf(Instant.parse("2025-12-31T23:59:59Z"))).isEqualTo(-1);
    assertThat(scenario.minuteOf(Instant.parse("2026-01-01T00:01:00Z"))).isEqualTo(1);
  }

  @Test
  void sameMinuteAlwaysYieldsTheSameValues() {
    assertThat(scenario.metrics(-3, OptionalLong.empty())).isEqualTo(scenario.metrics(-3, OptionalLong.empty()));
    assertThat(scenario.logs(0)).isEqualTo(scenario.logs(0));
  }

  @Test
  void eachThresholdRuleBreachesOnExactlyTheIncidentSeries() throws Exception {
    List<LoadedRule> rules = new RuleFileLoader().load(examples().resolve("rules.yaml"));
    Map<String, String> expected = Map.of(
        "cpu-surge", "AWS/EC2/CPUUtilization{InstanceId=" + FLEET.web1() + "}",
        "memory-leak", "CWAgent/mem_used_percent{InstanceId=" + FLEET.web2() + "}",
        "disk-half-full", "CWAgent/disk_used_percent{InstanceId=" + FLEET.web3() + ", device=nvme0n1p1, fstype=xfs, path=/}",
        "unhealthy-host", "AWS/ApplicationELB/UnHealthyHostCount{LoadBalancer=" + Scenario.LOAD_BALANCER
            + ", TargetGroup=" + Scenario.TARGET_GROUP + "}");
    for (LoadedRule loaded : rules) {
      if (!(loaded.rule() instanceof ThresholdRule rule)) {
        continue;
      }
      assertThat(breachingSeries(rule, -30, 0)).as(rule.id()).containsExactly(expected.get(rule.id()));
    }
    assertThat(rules).extracting(r -> r.rule().id()).containsExactlyInAnyOrder(
        "cpu-surge", "memory-leak", "disk-half-full", "unhealthy-host", "ssh-brute-force");
  }

  @Test
  void incidentsAreAlreadyVisibleInTheHistorySoTheFirstAlertComesFast() throws Exception {
    List<LoadedRule> rules = new RuleFileLoader().load(examples().resolve("rules.yaml"));
    for (LoadedRule loaded : rules) {
      if (loaded.rule() instanceof ThresholdRule rule) {
        // Decided by minute -1 at the latest: the history written at start-up is enough to alarm.
        assertThat(breachingSeries(rule, -30, -1)).as(rule.id()).hasSize(1);
      }
    }
  }

  @Test
  void noHealthySeriesComesCloseToItsThreshold() {
    for (int m = -30; m <= 30; m++) {
      for (MetricSample s : scenario.metrics(m, OptionalLong.empty())) {
        String instance = s.dimensions().getOrDefault("InstanceId", "");
        switch (s.metricName()) {
          case "CPUUtilization" -> {
            if (!instance.equals(FLEET.web1()) || m < Scenario.SURGE_MINUTE) {
              assertThat(s.value()).isLessThan(60);
            }
          }
          case "mem_used_percent" -> {
            if (!instance.equals(FLEET.web2())) {
              assertThat(s.value()).isLessThan(60);
            }
          }
          case "disk_used_percent" -> {
            if (!instance.equals(FLEET.web3())) {
              assertThat(s.value()).isLessThan(40);
            }
          }
          default -> { }
        }
      }
    }
  }

  @Test
  void cpuOfTheSurgingInstanceFallsTwoMinutesAfterTheScaleOut() {
    OptionalLong scaledOut = OptionalLong.of(2);
    assertThat(cpuOfWeb1(3, scaledOut)).isGreaterThan(90);
    assertThat(cpuOfWeb1(4, scaledOut)).isBetween(30.0, 50.0);
    assertThat(cpuOfWeb1(4, OptionalLong.empty())).isGreaterThan(90);
  }

  @Test
  void sshBurstFiresTheLogRuleOnceItsTenthLineArrives() throws Exception {
    LogFrequencyRule rule = (LogFrequencyRule) new RuleFileLoader().load(examples().resolve("rules.yaml")).stream()
        .map(LoadedRule::rule).filter(r -> r.id().equals("ssh-brute-force")).findFirst().orElseThrow();
    LogPattern pattern = LogPattern.parse(rule.pattern());
    List<LogLine> matching = new ArrayList<>();
    int other = 0;
    for (int m = -30; m <= 30; m++) {
      for (LogLine line : scenario.logs(m)) {
        assertThat(rule.logs().matches(line.logGroup(), line.logStream())).isTrue();
        if (pattern.matches(line.message())) {
          matching.add(line);
        } else {
          other++;
        }
      }
    }
    int burstMinutes = Scenario.SSH_BURST_LAST_MINUTE - Scenario.SSH_BURST_FIRST_MINUTE + 1;
    assertThat(matching).hasSize(burstMinutes * Scenario.SSH_LINES_PER_MINUTE);
    assertThat(other).isPositive();
    // The tenth failed login lands before minute zero ends: the history alone nearly decides it.
    assertThat(matching.get(rule.threshold() - 1).timestamp()).isBefore(scenario.startOf(0));
    assertThat(matching.get(0).message()).matches(
        "\\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} ip-10-0-1-11 sshd\\[\\d+\\]: Failed password for .+ from 203\\.0\\.113\\.45 port \\d+ ssh2");
  }

  private double cpuOfWeb1(int minute, OptionalLong scaledOut) {
    return scenario.metrics(minute, scaledOut).stream()
        .filter(s -> s.metricName().equals("CPUUtilization") && s.dimensions().get("InstanceId").equals(FLEET.web1()))
        .findFirst().orElseThrow().value();
  }

  /** Series (namespace/metric{dims}) on which the rule sees N consecutive breaching minutes within [from, to]. */
  private Set<String> breachingSeries(ThresholdRule rule, int from, int to) {
    Set<String> hits = new TreeSet<>();
    Map<String, Integer> run = new java.util.HashMap<>();
    for (int m = from; m <= to; m++) {
      for (MetricSample s : scenario.metrics(m, OptionalLong.empty())) {
        List<Dimension> dims = s.dimensions().entrySet().stream()
            .map(e -> new Dimension(e.getKey(), e.getValue())).toList();
        if (!rule.metric().matches(s.namespace(), s.metricName(), dims)) {
          continue;
        }
        String key = s.namespace() + "/" + s.metricName() + new java.util.TreeMap<>(s.dimensions());
        int n = rule.comparison().breaches(s.value(), rule.threshold()) ? run.getOrDefault(key, 0) + 1 : 0;
        run.put(key, n);
        if (n >= rule.datapointsToAlarm()) {
          hits.add(key);
        }
      }
    }
    return hits;
  }

  static Path examples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !java.nio.file.Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("examples/ directory above the working directory").isNotNull();
    return dir.resolve("examples");
  }
}

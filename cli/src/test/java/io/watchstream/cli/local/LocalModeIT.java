package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.sandbox.FreePorts;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.sandbox.SlackStandIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The "done when", unattended: local mode (real in-JVM broker, Apicurio, moto_server seeded with the scenario,
 * ingest, processor and notifier) brings the first alert within 90 s, every scenario incident reaches Slack (the
 * testkit's stand-in, webhook mode) exactly once, the scale-out shows in moto as desired capacity 3 → 4, and after
 * close nothing is left listening or running.
 */
class LocalModeIT {

  /** The scenario's incidents: rule id -> the series that must alarm (by its story role). */
  private static final Set<String> INCIDENT_RULES = Set.of("cpu-surge", "memory-leak", "disk-half-full", "unhealthy-host",
      "ssh-brute-force");

  @Test
  void scenarioAlertsReachSlackExactlyOnceAndTheGroupScalesOut() throws Exception {
    StringWriter console = new StringWriter();
    PrintWriter out = new PrintWriter(new TeeWriter(console), true);
    Path examples = ScenarioTest.examples();
    try (SlackStandIn slack = SlackStandIn.start()) {
      LocalSettings settings = new LocalSettings(0, 0, 0, examples, examples.resolve("rules.yaml"), true,
          Optional.of(slack.webhookUrl("local-mode-it")), Optional.empty(), Optional.empty(), Optional.empty());
      long began = System.nanoTime();
      LocalPipeline pipeline = new LocalPipeline(settings, out, new Ansi(false));
      int kafkaPort;
      int motoPort;
      try {
        pipeline.start();
        kafkaPort = Integer.parseInt(pipeline.kafka().orElseThrow().bootstrapServers().replaceAll(".*:", ""));
        motoPort = pipeline.moto().orElseThrow().port();
        ConsoleAlertPrinter alerts = pipeline.alerts().orElseThrow();

        // First alert within 90 s of the start (start-up of every part included).
        await().atMost(Duration.ofSeconds(90).minusNanos(System.nanoTime() - began)).pollInterval(Duration.ofMillis(250))
            .until(() -> alerts.seen().stream().anyMatch(a -> a.getToState() == AlarmState.ALARM));
        double firstAlertSeconds = (System.nanoTime() - began) / 1e9;

        // Every incident alarms on the series the story says, and on no healthy one.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
            .until(() -> alarmsByRule(alerts.seen()).keySet().containsAll(INCIDENT_RULES));
        Scenario.Fleet fleet = pipeline.seeder().orElseThrow().createdFleet();
        Map<String, List<String>> alarms = alarmsByRule(alerts.seen());
        assertThat(alarms.get("cpu-surge")).containsExactly("AWS/EC2/CPUUtilization{InstanceId=" + fleet.web1() + "}/Average/60");
        assertThat(alarms.get("memory-leak")).containsExactly("CWAgent/mem_used_percent{InstanceId=" + fleet.web2() + "}/Average/60");
        assertThat(alarms.get("disk-half-full")).singleElement().asString().contains("InstanceId=" + fleet.web3());
        assertThat(alarms.get("unhealthy-host")).singleElement().asString().contains(Scenario.TARGET_GROUP);
        assertThat(alarms.get("ssh-brute-force")).containsExactly(Scenario.SECURE_LOG_GROUP + "/" + fleet.web1());
        assertThat(alarms.keySet()).isEqualTo(INCIDENT_RULES);

        // Slack: one ALARM message per incident, never a second one (give a late duplicate time to show up).
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
            .until(() -> alarmMessagesByRule(slack).keySet().containsAll(INCIDENT_RULES));
        // The scale-out: the cpu-surge alarm became a scaling command, which the notifier executed once on moto.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
            .until(() -> pipeline.seeder().orElseThrow().desiredCapacity() == Scenario.INITIAL_CAPACITY + 1);
        Thread.sleep(10_000);
        assertThat(alarmMessagesByRule(slack)).containsOnlyKeys(INCIDENT_RULES).allSatisfy((rule, count) ->
            assertThat(count).as("ALARM messages for " + rule).isEqualTo(1));
        assertThat(pipeline.seeder().orElseThrow().desiredCapacity()).isEqualTo(Scenario.INITIAL_CAPACITY + 1);
        assertThat(console.toString()).contains("[scaling] web-asg desired capacity 3 → 4");
        System.out.printf("[LocalModeIT] first alert %.1f s after start; Slack requests: %d%n", firstAlertSeconds,
            slack.requests().size());
        assertThat(firstAlertSeconds).isLessThan(90);
      } finally {
        pipeline.close();
      }
      // Nothing left behind: the broker's and moto's ports are free again, moto's process is gone.
      await().atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isFree(kafkaPort));
      await().atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isFree(motoPort));
      assertThat(pipeline.moto().orElseThrow().isRunning()).isFalse();
    }
  }

  /** ALARM transitions (not reminders) per rule: the series keys, in arrival order. */
  private static Map<String, List<String>> alarmsByRule(List<AlertTransition> seen) {
    return seen.stream().filter(a -> a.getToState() == AlarmState.ALARM && !a.getReminder())
        .collect(Collectors.groupingBy(AlertTransition::getRuleId, TreeMap::new,
            Collectors.mapping(AlertTransition::getSeriesKey, Collectors.toList())));
  }

  /** Webhook messages whose text announces an ALARM, counted per rule ("ALARM: <rule> (severity), ..."). */
  private static Map<String, Long> alarmMessagesByRule(SlackStandIn slack) {
    return slack.requests().stream().filter(r -> r.path().startsWith("/webhook/")).filter(RecordedRequest::answeredOk)
        .map(r -> r.param("text").orElse(""))
        .filter(text -> text.startsWith("ALARM: "))
        .map(text -> text.substring("ALARM: ".length()).split(" ")[0])
        .collect(Collectors.groupingBy(rule -> rule, TreeMap::new, Collectors.counting()));
  }

  /** Keeps what local mode prints and shows it in the test output too. */
  private static final class TeeWriter extends Writer {
    private final StringWriter copy;

    TeeWriter(StringWriter copy) {
      this.copy = copy;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      copy.write(cbuf, off, len);
      System.out.print(new String(cbuf, off, len));
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {
    }
  }
}

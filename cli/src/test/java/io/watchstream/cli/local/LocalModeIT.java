package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.pipeline.Pipeline;
import io.watchstream.sandbox.FreePorts;
import io.watchstream.sandbox.PrometheusServer;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.sandbox.SlackStandIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The "done when", unattended: local mode (real in-JVM broker, Apicurio, moto_server seeded with the scenario,
 * ingest, processor and notifier) brings the first alert within 90 s, every scenario incident reaches Slack (the
 * testkit's stand-in, webhook mode) exactly once, the scale-out shows in moto as desired capacity 3 → 4, a real
 * Prometheus (Debian's) with the example scrape config and {@code deploy/prometheus/watchstream-alerts.yml} scrapes all
 * three services and evaluates every watchstream alerting rule without error, and after close nothing is left
 * listening or running.
 */
class LocalModeIT {

  /** The scenario's incidents: rule id -> the series that must alarm (by its story role). */
  private static final Set<String> INCIDENT_RULES = Set.of("cpu-surge", "memory-leak", "disk-half-full", "unhealthy-host",
      "ssh-brute-force");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The example config's job for each service, as the alerting rules match them. */
  private static final Map<Pipeline.Service, String> JOBS = Map.of(Pipeline.Service.INGEST, "watchstream-ingest",
      Pipeline.Service.PROCESSOR, "watchstream-processor", Pipeline.Service.NOTIFIER, "watchstream-notifier");
  /** Series the rules name that a service registers only on the first such event, which the scenario need not cause. */
  private static final Set<String> REGISTERED_ON_FIRST_EVENT = Set.of("watchstream_processor_set_aside_total");

  /** Whether a connection to {@code port} on one of this machine's non-loopback addresses is accepted. */
  private static boolean listensBeyondLoopback(int port) throws java.io.IOException {
    for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
        if (address.isLoopbackAddress() || !(address instanceof java.net.Inet4Address)) {
          continue;
        }
        try (java.net.Socket socket = new java.net.Socket()) {
          socket.connect(new java.net.InetSocketAddress(address, port), 500);
          return true;
        } catch (java.io.IOException refused) {
          // not listening there: what we want
        }
      }
    }
    return false;
  }

  @Test
  void scenarioAlertsReachSlackExactlyOnceAndTheGroupScalesOut() throws Exception {
    StringWriter console = new StringWriter();
    PrintWriter out = new PrintWriter(new TeeWriter(console), true);
    Path examples = ScenarioTest.examples();
    Path deployPrometheus = examples.resolveSibling("deploy").resolve("prometheus");
    PrometheusServer.ensureInstalled();
    try (SlackStandIn slack = SlackStandIn.start()) {
      LocalSettings settings = new LocalSettings(0, 0, 0, examples, examples.resolve("rules.yaml"), true,
          Optional.of(slack.webhookUrl("local-mode-it")), Optional.empty(), Optional.empty(), Optional.empty());
      long began = System.nanoTime();
      LocalPipeline pipeline = new LocalPipeline(settings, out, new Ansi(false));
      int kafkaPort;
      int motoPort;
      int prometheusPort = -1;
      PrometheusServer prometheus = null;
      try {
        pipeline.start();
        // every service's endpoints are printed, on loopback, and listen on loopback only
        for (Map.Entry<Pipeline.Service, Integer> ops : pipeline.opsPorts().entrySet()) {
          assertThat(console.toString()).as(ops.getKey() + " endpoints printed")
              .contains("http://127.0.0.1:" + ops.getValue() + "/health");
          assertThat(listensBeyondLoopback(ops.getValue())).as(ops.getKey() + " listens on loopback only").isFalse();
        }
        prometheus = PrometheusServer.start(scrapeConfigFor(pipeline.opsPorts(), deployPrometheus), Map.of());
        prometheusPort = prometheus.port();
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

        assertPrometheusScrapesEveryServiceAndEvaluatesEveryRule(prometheus, deployPrometheus);
      } finally {
        if (prometheus != null) {
          prometheus.close();
        }
        pipeline.close();
      }
      // Nothing left behind: the broker's, moto's and Prometheus's ports are free again, moto's process is gone.
      await().atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isFree(kafkaPort));
      await().atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isFree(motoPort));
      assertThat(FreePorts.isFree(prometheusPort)).isTrue();
      assertThat(pipeline.moto().orElseThrow().isRunning()).isFalse();
    }
  }

  /**
   * {@code deploy/prometheus/prometheus.yml} as shipped, with each job's target replaced by the service's port here,
   * 1 s scrape and evaluation intervals, and the shipped rule file by its absolute path. JSON is YAML.
   */
  private static String scrapeConfigFor(Map<Pipeline.Service, Integer> ports, Path deployPrometheus) throws Exception {
    assertThat(ports).containsOnlyKeys(JOBS.keySet());
    ObjectNode config = (ObjectNode) YAML.readTree(deployPrometheus.resolve("prometheus.yml").toFile());
    ((ObjectNode) config.path("global")).put("scrape_interval", "1s").put("evaluation_interval", "1s");
    config.putArray("rule_files").add(deployPrometheus.resolve("watchstream-alerts.yml").toAbsolutePath().toString());
    Set<String> jobs = new TreeSet<>();
    for (JsonNode scrape : config.path("scrape_configs")) {
      String job = scrape.path("job_name").asText();
      Pipeline.Service service = JOBS.entrySet().stream().filter(e -> e.getValue().equals(job)).findFirst().orElseThrow().getKey();
      ((ObjectNode) scrape.path("static_configs").get(0)).putArray("targets").add("127.0.0.1:" + ports.get(service));
      jobs.add(job);
    }
    assertThat(jobs).containsExactlyInAnyOrderElementsOf(JOBS.values());
    return JSON.writeValueAsString(config);
  }

  /**
   * Every target up (as Prometheus's API and the {@code up} series say), every watchstream rule evaluated with health
   * ok, and every series the rules name present in what Prometheus scraped (a renamed meter would leave an alert that
   * can never fire).
   */
  private static void assertPrometheusScrapesEveryServiceAndEvaluatesEveryRule(PrometheusServer prometheus,
      Path deployPrometheus) throws Exception {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode targets = prometheus.activeTargets();
      Map<String, String> healthByJob = new TreeMap<>();
      targets.forEach(t -> healthByJob.put(t.path("labels").path("job").asText(),
          t.path("health").asText() + " " + t.path("lastError").asText()));
      assertThat(healthByJob).as("targets").hasSize(3).allSatisfy((job, health) -> assertThat(health).isEqualTo("up "));
      Map<String, String> up = new TreeMap<>();
      prometheus.query("up").forEach(r -> up.put(r.path("metric").path("job").asText(), r.path("value").get(1).asText()));
      assertThat(up).containsOnlyKeys(JOBS.values()).allSatisfy((job, value) -> assertThat(value).isEqualTo("1"));
    });
    Set<String> ruleNames = new TreeSet<>();
    Set<String> namedSeries = new TreeSet<>();
    Matcher series = Pattern.compile("\\b(?:watchstream|jvm|process)_[a-z_]+").matcher("");
    for (JsonNode group : YAML.readTree(deployPrometheus.resolve("watchstream-alerts.yml").toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        ruleNames.add(rule.path("alert").asText());
        series.reset(rule.path("expr").asText());
        while (series.find()) {
          namedSeries.add(series.group());
        }
      }
    }
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Map<String, String> healthByRule = new TreeMap<>();
      for (JsonNode group : prometheus.ruleGroups()) {
        for (JsonNode rule : group.path("rules")) {
          String evaluated = rule.path("lastEvaluation").asText().startsWith("0001-") ? " (never evaluated)" : "";
          healthByRule.put(rule.path("name").asText(), rule.path("health").asText() + evaluated + rule.path("lastError").asText());
        }
      }
      assertThat(healthByRule.keySet()).isEqualTo(ruleNames);
      assertThat(healthByRule).allSatisfy((rule, health) -> assertThat(health).as(rule).isEqualTo("ok"));
    });
    Set<String> scraped = new TreeSet<>();
    prometheus.api("label/__name__/values").forEach(n -> scraped.add(n.asText()));
    Set<String> missing = new TreeSet<>(namedSeries);
    missing.removeAll(scraped);
    missing.removeAll(REGISTERED_ON_FIRST_EVENT);
    assertThat(missing).as("series the rules name that no service exposes").isEmpty();
    System.out.printf(Locale.ROOT, "[LocalModeIT] Prometheus scraped %d series names from 3 targets; %d rules evaluated ok%n",
        scraped.size(), ruleNames.size());
    Files.writeString(Path.of("target", "local-mode-metric-names.txt"), String.join("\n", scraped) + "\n", StandardCharsets.UTF_8);
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

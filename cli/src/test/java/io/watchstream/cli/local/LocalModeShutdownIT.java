package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C (SIGTERM to the JVM, as the terminal sends SIGINT: both run the shutdown hooks) stops every part of a running
 * {@code watchstream local} and leaves nothing behind: the child processes it started (moto_server, the Apicurio JVM)
 * are gone and the JVM exits by itself. Also the no-moto fallback: without moto the bundled data still raises alerts.
 */
class LocalModeShutdownIT {

  @Test
  void sigtermStopsEverythingAndLeavesNoChildProcess() throws Exception {
    Path root = ScenarioTest.examples().getParent();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process local = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dwatchstream.projectRoot=" + root, "io.watchstream.cli.Watchstream", "local",
        "--kafka-port", "0", "--registry-port", "0", "--moto-port", "0")
        .directory(root.toFile()).redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
          System.out.println("[local] " + line);
        }
      } catch (java.io.IOException e) {
        // The process went away.
      }
    });
    reader.start();
    try {
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .until(() -> lines.stream().anyMatch(l -> l.contains("all parts up")) || !local.isAlive());
      assertThat(local.isAlive()).as(String.join("\n", lines)).isTrue();
      List<ProcessHandle> children = local.descendants().filter(ProcessHandle::isAlive).toList();
      assertThat(children).as("moto_server and the registry run as child processes").hasSizeGreaterThanOrEqualTo(2);

      // SIGTERM through the handle: Process.destroy() would also close our end of its output.
      assertThat(local.toHandle().destroy()).isTrue();
      assertThat(local.waitFor(60, TimeUnit.SECONDS)).as("exits by itself after SIGTERM").isTrue();
      await().atMost(Duration.ofSeconds(15)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
      reader.join(5_000);
      assertThat(lines).anyMatch(l -> l.contains("stopped everything"));
    } finally {
      local.destroyForcibly();
    }
  }

  @Test
  void withoutMotoTheBundledDataStillRaisesEveryIncidentAndBotModePostsOneMessageEach() throws Exception {
    java.io.StringWriter console = new java.io.StringWriter();
    Path examples = ScenarioTest.examples();
    try (io.watchstream.sandbox.SlackStandIn slack = io.watchstream.sandbox.SlackStandIn.start()) {
      LocalSettings settings = new LocalSettings(0, 0, 0, examples, examples.resolve("rules.yaml"), false,
          java.util.Optional.empty(), java.util.Optional.of("xoxb-local-mode-it"), java.util.Optional.of("#local-it"),
          java.util.Optional.of(slack.apiUrlPrefix()));
      try (LocalPipeline pipeline = new LocalPipeline(settings, new java.io.PrintWriter(console, true), new Ansi(false))) {
        pipeline.start();
        assertThat(console.toString()).contains("moto_server is not available: replaying the bundled data files")
            .contains("alerts go to Slack channel #local-it (bot token)");
        ConsoleAlertPrinter alerts = pipeline.alerts().orElseThrow();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> alerts.seen().stream()
            .filter(a -> a.getToState() == io.watchstream.avro.AlarmState.ALARM)
            .map(a -> a.getRuleId()).distinct().count() == 5);
        assertThat(pipeline.moto()).isEmpty();
        // Bot mode: one message per incident, posted to the one configured channel with the token.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> alarmPosts(slack).size() == 5);
        assertThat(alarmPosts(slack)).allSatisfy(r -> {
          assertThat(r.param("channel")).hasValue("#local-it");
          assertThat(r.header("authorization")).hasValue("Bearer xoxb-local-mode-it");
        });
        assertThat(alarmPosts(slack)).extracting(r -> r.param("text").orElseThrow().split(" ")[1])
            .containsExactlyInAnyOrder("cpu-surge", "memory-leak", "disk-half-full", "unhealthy-host", "ssh-brute-force");
      }
    }
  }

  private static List<io.watchstream.sandbox.RecordedRequest> alarmPosts(io.watchstream.sandbox.SlackStandIn slack) {
    return slack.requests("chat.postMessage").stream()
        .filter(r -> r.param("text").orElse("").startsWith("ALARM: ")).toList();
  }
}

package io.watchstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The done-when: replay of the NAB realAWSCloudwatch files with two rule files produces the HTML
 * and JSON reports, and the HTML renders in headless Chromium (Debian package {@code chromium}, installed
 * with apt-get when missing) with one SVG plot per covered series. Outputs stay in {@code target/replay/}
 * (report, summary, transitions, screenshot) for a human to look at. An IT (failsafe) because it may install
 * and drives a browser, not because it needs a broker. The NAB data is {@code shared/data/nab} beside the checkout ({@link SharedData}).
 */
class ReplayNabReportIT {

  static final Path NAB = SharedData.nab().orElse(Path.of("shared/data/nab (not found beside the checkout)"));
  static final Path OUT = Path.of("target/replay");
  static Replay.Outcome outcome;

  @BeforeAll
  static void replayTheNabCorpus() throws Exception {
    assumeTrue(Files.isDirectory(NAB.resolve("realAWSCloudwatch")), "NAB data not present at " + NAB);
    Files.createDirectories(OUT);
    Path res = Path.of("src/test/resources/replay");
    outcome = new Replay().run(new ReplayRequest(
        new ReplayRequest.Files(NAB.resolve("realAWSCloudwatch"), CsvSeriesMapping.defaults()),
        res.resolve("nab-rules.yaml"), res.resolve("nab-candidate.yaml"), NAB.resolve("combined_windows.json"),
        OUT.resolve("nab-report.html"), OUT.resolve("nab-summary.json"), OUT.resolve("nab-transitions.jsonl"), "replay."));
  }

  @Test
  void jsonSummaryCoversEveryFileAndScoresTheLabelledRules() throws IOException {
    ReplaySummary s = outcome.summary();
    assertThat(s.input().series()).isEqualTo(17);
    assertThat(s.input().datapoints()).isEqualTo(67_740);
    ReplaySummary.RuleResult cpu = s.ruleSets().get(0).rules().stream().filter(r -> r.ruleId().equals("ec2-cpu-high")).findFirst().orElseThrow();
    assertThat(cpu.seriesCovered()).isEqualTo(8);
    assertThat(cpu.totals().alarms()).isPositive();
    assertThat(cpu.detection().windows()).isEqualTo(12);
    assertThat(cpu.detection().nab()).isNotNull();
    assertThat(Files.readString(OUT.resolve("nab-summary.json"))).contains("\"ruleId\" : \"network-in-high\"");
    assertThat(Files.readAllLines(OUT.resolve("nab-transitions.jsonl"))).hasSize(
        outcome.runs().stream().mapToInt(r -> r.transitions().size()).sum());
  }

  @Test
  void htmlReportRendersItsPlotsInHeadlessChromium() throws Exception {
    Path html = OUT.resolve("nab-report.html").toAbsolutePath();
    String text = Files.readString(html);
    // offline: nothing is loaded from anywhere (the SVG namespace URI is a name, not a request)
    assertThat(text).doesNotContain("src=\"http", "href=\"http", "<link", "url(http", "import(").contains("<script id=\"replay-data\"");
    String chromium = ensureChromium();
    Path profile = Files.createTempDirectory("replay-chromium-");
    Path shot = OUT.resolve("nab-report.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile);
    List<String> dump = new ArrayList<>(common);
    dump.addAll(List.of("--virtual-time-budget=5000", "--dump-dom", html.toUri().toString()));
    String dom = run(dump);
    assertThat(dom).contains("data-rendered=\"true\"");
    int plots = count(dom, "<path class=\"line\"");
    int expected = outcome.summary().ruleSets().stream().flatMap(s -> s.rules().stream()).map(ReplaySummary.RuleResult::ruleId)
        .distinct().mapToInt(id -> seriesOf(id)).sum();
    assertThat(plots).isEqualTo(expected).isEqualTo(15); // 8 EC2 CPU + 2 RDS + 1 ELB + 2 disk + 2 network files
    assertThat(count(dom, "class=\"span set0\"")).isPositive();
    assertThat(count(dom, "class=\"span set1\"")).isPositive();
    assertThat(count(dom, "<rect class=\"win\"")).isPositive();
    assertThat(count(dom, "<line class=\"thr\"")).isPositive();
    List<String> screenshot = new ArrayList<>(common);
    screenshot.addAll(List.of("--virtual-time-budget=5000", "--hide-scrollbars", "--window-size=1280,2400",
        "--screenshot=" + shot, html.toUri().toString()));
    run(screenshot);
    assertThat(shot).exists();
    assertThat(Files.size(shot)).isGreaterThan(20_000);
  }

  /** Plots per rule: the series of every rule set's version of the rule (they are the same selector here). */
  private static int seriesOf(String ruleId) {
    return outcome.summary().ruleSets().stream().flatMap(s -> s.rules().stream()).filter(r -> r.ruleId().equals(ruleId))
        .mapToInt(ReplaySummary.RuleResult::seriesCovered).max().orElse(0);
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static String ensureChromium() throws Exception {
    for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    // Debian package; apt-get update first only when the package is unknown
    if (exit(List.of("apt-get", "install", "-y", "chromium")) != 0) {
      exit(List.of("apt-get", "update"));
      exit(List.of("apt-get", "install", "-y", "chromium"));
    }
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium could not be installed");
    return "/usr/bin/chromium";
  }

  private static int exit(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(600, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  private static String run(List<String> cmd) throws Exception {
    Path log = Files.createTempFile("chromium-", ".log");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as("chromium exit code; stderr: %s", Files.readString(log)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}

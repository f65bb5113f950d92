package io.watchstream.replay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.replay.engine.InMemoryReplayEngine;
import io.watchstream.replay.CsvSeriesMapping;
import io.watchstream.replay.FileInputs;
import io.watchstream.replay.InputSeries;
import io.watchstream.replay.LabelledWindows;
import io.watchstream.replay.ReplayAnalysis;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.replay.ReplaySummary;
import io.watchstream.replay.RuleSetRun;
import io.watchstream.replay.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTML report, byte for byte, on in-repo inputs: the NAB-layout fixture with two rule sets and labelled
 * windows, the local-mode scenario (metrics and log lines), and the fixture again with markup in every text
 * the report takes from its input, to hold the escaping. Regenerate after an intended change with
 * {@code -Dreplay.updateGolden=true} and review the diff.
 */
class HtmlReportGoldenTest {

  static final Path RES = Path.of("src/test/resources/replay");
  static final Path EXAMPLES = Path.of("../examples");

  @Test
  void fixtureReportMatchesTheGoldenFile() throws Exception {
    String html = render(RES.resolve("fixture"), RES.resolve("nab-rules.yaml"), RES.resolve("nab-candidate.yaml"),
        LabelledWindows.load(RES.resolve("fixture-windows.json")), null);
    assertGolden(html, RES.resolve("fixture-report.golden.html"));
  }

  @Test
  void anomalyCandidateReportMatchesTheGoldenFile() throws Exception {
    String html = render(RES.resolve("fixture"), RES.resolve("nab-rules.yaml"), RES.resolve("anomaly-candidate.yaml"),
        LabelledWindows.load(RES.resolve("fixture-windows.json")), null);
    assertThat(html).contains("\"thresholds\":[[80.0,\">\"],null]").contains("\"bands\":[[],[[");
    assertGolden(html, RES.resolve("anomaly-report.golden.html"));
  }

  /** Set {@code -Dreplay.nabReport=<file>} to compare (or, with updateGolden, write) the report on the NAB data beside the checkout. */
  @Test
  void nabReportMatchesAFileOutsideTheRepository() throws Exception {
    String target = System.getProperty("replay.nabReport");
    org.junit.jupiter.api.Assumptions.assumeTrue(target != null);
    Path nab = SharedData.nab().orElseThrow();
    String html = render(nab.resolve("realAWSCloudwatch"), RES.resolve("nab-rules.yaml"), RES.resolve("nab-candidate.yaml"),
        LabelledWindows.load(nab.resolve("combined_windows.json")), null);
    assertGolden(html, Path.of(target));
  }

  @Test
  void scenarioReportMatchesTheGoldenFile() throws Exception {
    String html = render(EXAMPLES.resolve("scenario"), EXAMPLES.resolve("rules.yaml"), null, LabelledWindows.empty(), null);
    assertGolden(html, RES.resolve("scenario-report.golden.html"));
  }

  @Test
  void markupInInputTextsIsEscaped() throws Exception {
    String hostile = "<script>alert('x&y')</script> \"q\" a=b `c`";
    String html = render(RES.resolve("fixture"), RES.resolve("nab-rules.yaml"), RES.resolve("nab-candidate.yaml"),
        LabelledWindows.load(RES.resolve("fixture-windows.json")), hostile);
    String tables = html.substring(0, html.indexOf("<script id=\"replay-data\""));
    String data = html.substring(tables.length(), html.indexOf("</script>", tables.length()));
    assertThat(tables).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt; &quot;q&quot;");
    assertThat(data).doesNotContain("</").contains("<\\/script>");
    assertGolden(html, RES.resolve("escaping-report.golden.html"));
  }

  /** What {@link Replay#run} does for {@code --report}, with the texts of the input replaced when {@code hostile} is set. */
  static String render(Path input, Path rulesFile, Path candidateFile, LabelledWindows windows, String hostile) throws Exception {
    RuleFileLoader loader = new RuleFileLoader();
    List<ReplayRecord> records = FileInputs.read(input, CsvSeriesMapping.defaults());
    InputSeries series = InputSeries.of(records);
    var engine = InMemoryReplayEngine.withDefaults(true);
    List<RuleSetRun> runs = new ArrayList<>();
    List<LoadedRule> rules = loader.load(rulesFile);
    String label = hostile == null ? "rules" : "rules" + hostile;
    String file = hostile == null ? rulesFile.toString() : rulesFile + hostile;
    runs.add(new RuleSetRun(label, file, rules, engine.run(label, rules, records, Long.MIN_VALUE)));
    if (candidateFile != null) {
      List<LoadedRule> candidate = loader.load(candidateFile);
      runs.add(new RuleSetRun("candidate", candidateFile.toString(), candidate, engine.run("candidate", candidate, records, Long.MIN_VALUE)));
    }
    ReplaySummary summary = new ReplayAnalysis(hostile == null ? input.toString() : input + hostile, series, windows)
        .summarise(runs.get(0), runs.size() > 1 ? runs.get(1) : null);
    return new HtmlReport(summary, series, windows, runs).render();
  }

  static void assertGolden(String html, Path golden) throws Exception {
    if (Boolean.getBoolean("replay.updateGolden")) {
      Files.writeString(golden, html, StandardCharsets.UTF_8);
    }
    assertThat(html).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}

package io.watchstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.processor.rules.RuleFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the small in-repo fixture (two CSV series, labelled windows) with two rule sets through the
 * processor topology and compares the JSON summary with a golden file. Regenerate after an intended
 * change with {@code -Dreplay.updateGolden=true} and review the diff.
 */
class ReplayGoldenTest {

  static final Path RES = Path.of("src/test/resources/replay");
  static final Path GOLDEN = RES.resolve("fixture-summary.golden.json");

  @TempDir Path out;

  ReplayRequest request(Path json, Path transitions, Path html) {
    return new ReplayRequest(new ReplayRequest.Files(RES.resolve("fixture"), CsvSeriesMapping.defaults()),
        RES.resolve("nab-rules.yaml"), RES.resolve("nab-candidate.yaml"), RES.resolve("fixture-windows.json"),
        html, json, transitions, "replay.");
  }

  @Test
  void summaryOfTheFixtureMatchesTheGoldenFile() throws Exception {
    Path json = out.resolve("summary.json");
    Replay.Outcome o = new Replay().run(request(json, null, null));
    assertThat(o.summary().performance().inputRecords()).isEqualTo(2 * (120 + 101));
    ObjectMapper m = new ObjectMapper();
    JsonNode actual = m.readTree(json.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove("performance");
    if (Boolean.getBoolean("replay.updateGolden")) {
      Files.writeString(GOLDEN, SummaryWriter.JSON.writeValueAsString(actual) + "\n");
    }
    assertThat(actual).isEqualTo(m.readTree(GOLDEN.toFile()));
  }

  @Test
  void fixtureAlertsDifferAsTheCandidateRulesSay() throws Exception {
    Replay.Outcome o = new Replay().run(request(null, null, null));
    ReplaySummary s = o.summary();
    ReplaySummary.RuleDiff d = s.diff().stream().filter(x -> x.ruleId().equals("fixture-cpu-high")).findFirst().orElseThrow();
    // the one-off spike at row 40 alarms under 1-of-1 but not under 2-of-2: removed by the candidate
    assertThat(d.status()).isEqualTo("changed");
    assertThat(d.removed()).isGreaterThanOrEqualTo(1);
    assertThat(d.series()).anySatisfy(sd -> assertThat(sd.removed()).extracting(ReplaySummary.Span::start).contains("2014-03-01T03:25:00Z"));
    // breaching missing data: cpu_b stops at row 100 and stays in ALARM under the baseline only
    ReplaySummary.RuleResult base = s.ruleSets().get(0).rules().stream().filter(r -> r.ruleId().equals("fixture-cpu-high")).findFirst().orElseThrow();
    assertThat(base.series()).filteredOn(x -> x.series().contains("cpu_b")).singleElement()
        .satisfies(x -> assertThat(x.alarmSpans()).last().satisfies(sp -> assertThat(sp.open()).isTrue()));
    // the sustained incident (rows 60-70) lies in cpu_a's labelled window: detected by both rule sets
    assertThat(base.detection().windowsDetected()).isGreaterThanOrEqualTo(1);
    assertThat(base.detection().nab()).isNotNull();
    assertThat(s.diff()).extracting(ReplaySummary.RuleDiff::ruleId).contains("disk-write-high", "network-in-high");
  }

  @Test
  void transitionsFileHasOneJsonObjectPerTransitionInInputOrder() throws Exception {
    Path jsonl = out.resolve("t.jsonl");
    Replay.Outcome o = new Replay().run(request(null, jsonl, null));
    List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(o.runs().stream().mapToInt(r -> r.transitions().size()).sum());
    ObjectMapper m = new ObjectMapper();
    String previous = "";
    for (String line : lines) {
      JsonNode n = m.readTree(line);
      assertThat(n.fieldNames()).toIterable().contains("rule", "series", "time", "from", "to", "ruleSet");
      assertThat(n.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(n.get("time").asText()).isGreaterThanOrEqualTo(previous);
      previous = n.get("time").asText();
    }
  }

  @Test
  void invalidRulesFailBeforeAnyInputIsReadWithExitCode2() throws Exception {
    Path bad = Files.writeString(out.resolve("bad.yaml"), "rules:\n  - id: x\n    kind: threshold\n    comparison: '>'\n");
    ReplayRequest r = new ReplayRequest(new ReplayRequest.Files(out.resolve("missing-dir"), CsvSeriesMapping.defaults()),
        bad, null, null, null, null, null, "replay.");
    assertThatThrownBy(() -> new Replay().run(r))
        .isInstanceOf(RuleFileException.class).hasMessageContaining("bad.yaml:2");
    assertThat(RuleFileException.EXIT_CODE).isEqualTo(2);
  }
}

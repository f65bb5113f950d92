package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RulesCommandTest {

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cl = new CommandLine(new RulesCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void validFileExitsZeroAndListsTheRules() throws Exception {
    Path file = Path.of(getClass().getResource("/rules/example-rules.yaml").toURI());
    assertThat(run("validate", file.toString())).isZero();
    assertThat(out.toString()).contains("OK, 7 rule(s)").contains("cpu-high").contains("log-new-term");
  }

  @Test
  void invalidFileExitsTwoAndNamesFileLineAndField() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "rules:\n  - id: a\n    kind: threshold\n    metric: { namespace: N, name: M }\n    comparison: '>'\n    threshold: high\n");
    assertThat(run("validate", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(file + ":6:5: rules[0].threshold: expected a number");
  }

  @Test
  void missingFileExitsTwo() {
    assertThat(run("validate", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.yaml: cannot be read (NoSuchFileException)");
  }
}

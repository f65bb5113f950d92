package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WatchstreamTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Watchstream.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void helpNamesTheProgramAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: watchstream").contains("--version");
  }

  @Test
  void everyCommandInTheHelpIsSummedUpInWholeSentences() {
    assertThat(run("--help")).isZero();
    String commands = out.toString().substring(out.toString().indexOf("Commands:") + "Commands:".length());
    // a summary wraps onto indented lines; join them, one summary per command
    String[] summaries = commands.strip().replaceAll("\\n\\s{6,}", " ").split("\\n");
    assertThat(summaries).hasSizeGreaterThanOrEqualTo(10)
        .allSatisfy(line -> assertThat(line.strip()).as("summary of a command").endsWith("."));
  }

  @Test
  void versionPrintsProgramAndJavaVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("watchstream ").contains("Java ");
  }

  @Test
  void unknownOptionIsABadInputExitCodeTwo() {
    assertThat(run("--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option");
  }
}

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

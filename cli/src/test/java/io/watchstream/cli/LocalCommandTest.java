package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code watchstream local} refuses to start, with exit code 2 and a sentence saying why, before starting anything. */
class LocalCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Watchstream.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void takenPortStopsStartUpWithExitCodeTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThat(run("local", "--kafka-port", String.valueOf(port), "--registry-port", "0", "--moto-port", "0",
          "--examples", "../examples")).isEqualTo(2);
      assertThat(err.toString()).contains("watchstream local: Port " + port + " is already in use (--kafka-port)");
      assertThat(out.toString()).doesNotContain("starting");
    }
  }

  @Test
  void missingExamplesStopStartUpWithExitCodeTwo() {
    assertThat(run("local", "--kafka-port", "0", "--registry-port", "0", "--moto-port", "0", "--examples", "no-such-dir"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Missing").contains("no-such-dir").contains("--examples DIR");
  }

  @Test
  void examplesAreFoundNextToTheCheckoutWhenNotInTheWorkingDirectory() {
    // Tests run in cli/, which has no examples/; the classes live in cli/target/classes of the checkout.
    java.nio.file.Path found = LocalCommand.defaultExamples().toAbsolutePath().normalize();
    assertThat(found.getFileName().toString()).isEqualTo("examples");
    assertThat(found.resolve("rules.yaml")).exists();
    assertThat(found.getParent().resolve("mvnw")).exists();
  }

  @Test
  void helpListsThePortOptionsWithTheirDefaults() {
    assertThat(run("local", "--help")).isZero();
    assertThat(out.toString()).contains("--kafka-port").contains("default: 9092").contains("--registry-port")
        .contains("--moto-port").contains("--no-moto").contains("SLACK_WEBHOOK_URL");
  }
}

package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.testkit.RealParts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code watchstream silence add|list|remove} against the real broker, and {@code notify} config errors. */
class SilenceCommandIT {

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // the command classes alone, as Watchstream registers them (exit code 2 for invalid input is picocli's default)
    CommandLine cli = new CommandLine(args[0].equals("notify") ? new NotifyCommand() : new SilenceCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void silencesAreAddedListedAndRemovedInTheSilencesTopic(@TempDir Path dir) throws Exception {
    EmbeddedKafka kafka = RealParts.kafka();
    String topic = "silences-" + UUID.randomUUID().toString().substring(0, 8);
    kafka.createCompactedTopic(topic, 1);
    Path config = dir.resolve("notifier.yaml");
    Files.writeString(config, """
        kafka: {bootstrapServers: "%s", silencesTopic: %s}
        routing: {defaultChannel: "#alerts"}
        """.formatted(kafka.bootstrapServers(), topic));

    Run added = run("silence", "add", "-c", config.toString(), "--id", "deploy-web", "--match", "rule=cpu-*",
        "--match", "AutoScalingGroupName=web-asg", "--duration", "2h", "--comment", "deploying web", "--by", "ops");
    Run window = run("silence", "add", "-c", config.toString(), "--id", "nightly-db", "--match", "AutoScalingGroupName=db-*",
        "--every", "MON-FRI", "--from", "02:00", "--for", "90m", "--zone", "Europe/Berlin");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out().trim()).isEqualTo("deploy-web");
    assertThat(window.exit()).as(window.err()).isZero();

    Run listed = run("silence", "list", "-c", config.toString());
    assertThat(listed.exit()).isZero();
    assertThat(listed.out()).contains("deploy-web").contains("active").contains("AutoScalingGroupName=web-asg")
        .contains("deploying web").contains("nightly-db").contains("Europe/Berlin");

    assertThat(run("silence", "remove", "-c", config.toString(), "deploy-web").exit()).isZero();
    Run after = run("silence", "list", "-c", config.toString());
    assertThat(after.out()).doesNotContain("deploy-web").contains("nightly-db");
  }

  @Test
  void badInputExitsWithTwo(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "routing: {defaultChanel: '#a'}\n");
    assertThat(run("notify", "-c", config.toString()).exit()).isEqualTo(2);
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, "routing: {defaultChannel: '#a'}\n");
    Run noToken = run("notify", "-c", ok.toString());
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.err()).contains("ok.yaml: slack.token.env: environment variable SLACK_BOT_TOKEN is not set");
    Run oneOff = run("silence", "add", "-c", ok.toString(), "--match", "rule=x");
    assertThat(oneOff.exit()).isEqualTo(2);
    assertThat(oneOff.err()).contains("needs --ends or --duration");
  }
}

package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code watchstream replay} argument handling: one source chosen explicitly, options of another source
 * refused, a bad ingest configuration reported with file and line or field; and a file replay of the
 * bundled scenario (metrics and log events as JSON lines) through the command.
 */
class ReplayCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Watchstream.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path rules() throws IOException {
    return Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - { id: errors, kind: log-frequency, logs: { group: /app }, pattern: ERROR, window: 1m, threshold: 1 }
        """);
  }

  @Test
  void cloudWatchWithoutAnIngestConfigIsAnArgumentError() throws IOException {
    assertThat(run("replay", "--cloudwatch", "--from", "2026-01-01", "--to", "2026-01-02", "--rules", rules().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--cloudwatch needs --ingest-config INGEST.yaml");
  }

  @Test
  void optionsOfAnotherSourceAreRefusedAndNamed() throws IOException {
    String r = rules().toString();
    assertThat(run("replay", "--input", "x.csv", "--ingest-config", "ingest.yaml", "--rules", r)).isEqualTo(2);
    assertThat(err.toString()).contains("--ingest-config applies to --cloudwatch, not to --input files");
    assertThat(run("replay", "--from", "2026-01-01", "--to", "2026-01-02", "--endpoint-url", "http://127.0.0.1:5000", "--rules", r))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--endpoint-url applies to --cloudwatch, not to a Kafka range");
    assertThat(run("replay", "--cloudwatch", "--from", "2026-01-01", "--to", "2026-01-02", "--ingest-config", "i.yaml",
        "--bootstrap-servers", "kafka:9092", "--rules", r)).isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap-servers applies to a Kafka range (--from/--to without --cloudwatch), not to --cloudwatch");
    assertThat(run("replay", "--input", "x.csv", "--publish", "--rules", r)).isEqualTo(2);
    assertThat(err.toString()).contains("--publish applies to a Kafka range");
    assertThat(run("replay", "--from", "2026-01-01", "--to", "2026-01-02", "--csv-period", "60", "--rules", r)).isEqualTo(2);
    assertThat(err.toString()).contains("--csv-period applies to --input files, not to a Kafka range");
  }

  @Test
  void filesAndATimeRangeAreMutuallyExclusive() throws IOException {
    assertThat(run("replay", "--input", "x.csv", "--cloudwatch", "--from", "2026-01-01", "--to", "2026-01-02",
        "--rules", rules().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }

  @Test
  void aRangeBeyondTheTimesAnInputMayHaveIsAnArgumentError() throws IOException {
    assertThat(run("replay", "--from", "2026-01-01", "--to", "+999999999-12-31T23:59:59Z", "--rules", rules().toString()))
        .isEqualTo(2);
    assertThat(err.toString()).isEqualTo("'+999999999-12-31T23:59:59Z' is after 9999-12-31T23:59:59.999Z; expected a time"
        + " from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z" + System.lineSeparator());
  }

  @Test
  void anEmptyOrInvertedRangeIsAnArgumentError() throws IOException {
    assertThat(run("replay", "--cloudwatch", "--from", "2026-01-02", "--to", "2026-01-01", "--ingest-config", "i.yaml",
        "--rules", rules().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--from 2026-01-02T00:00:00Z must be before --to 2026-01-01T00:00:00Z");
  }

  @Test
  void aMalformedIngestConfigIsExitTwoNamingFileAndLine() throws IOException {
    Path config = Files.writeString(dir.resolve("ingest.yaml"), """
        metrics:
          selectors:
            - { namespace: AWS/EC2, metricName: CPUUtilization
        logs: {}
        """);
    assertThat(run("replay", "--cloudwatch", "--from", "2026-01-01", "--to", "2026-01-02", "--ingest-config", config.toString(),
        "--rules", rules().toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("invalid configuration:").contains(config + ":4:").contains("not valid YAML");
  }

  @Test
  void anInvalidIngestConfigIsExitTwoNamingFileAndField() throws IOException {
    Path config = Files.writeString(dir.resolve("ingest.yaml"), """
        metrics:
          selectors:
            - { metricName: CPUUtilization }
        """);
    assertThat(run("replay", "--cloudwatch", "--from", "2026-01-01", "--to", "2026-01-02", "--ingest-config", config.toString(),
        "--rules", rules().toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("invalid configuration:")
        .contains(config + ":3:7: metrics.selectors[0]: namespace is required");
    Path misspelt = Files.writeString(dir.resolve("misspelt.yaml"), """
        metrics:
          selectors:
            - { namespace: AWS/EC2, metricName: CPUUtilization, statistic: [Average] }
        """);
    assertThat(run("replay", "--cloudwatch", "--from", "2026-01-01", "--to", "2026-01-02", "--ingest-config", misspelt.toString(),
        "--rules", rules().toString())).isEqualTo(2);
    assertThat(err.toString()).contains(misspelt + ":3:57: metrics.selectors[0].statistic: unknown key");
  }

  @Test
  void aMissingIngestConfigIsExitTwoNamingTheFile() throws IOException {
    Path missing = dir.resolve("nope.yaml");
    assertThat(run("replay", "--cloudwatch", "--from", "2026-01-01", "--to", "2026-01-02", "--ingest-config", missing.toString(),
        "--rules", rules().toString())).isEqualTo(2);
    assertThat(err.toString()).contains(missing + ": cannot be read (NoSuchFileException)");
  }

  @Test
  void theBundledScenarioReplaysMetricsAndLogEventsFromJsonLinesOnOneClock() throws IOException {
    Path examples = Path.of("../examples");
    Path transitions = dir.resolve("t.jsonl");
    assertThat(run("replay", "--input", examples.resolve("scenario").toString(), "--rules", examples.resolve("rules.yaml").toString(),
        "--transitions", transitions.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("replayed 610 datapoints of 10 series and 79 log events");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> alarms = new ArrayList<>();
    for (String line : Files.readAllLines(transitions)) {
      JsonNode n = json.readTree(line);
      if (n.get("to").asText().equals("ALARM")) {
        alarms.add(n);
      }
    }
    // every incident of the scenario (README, local mode) alarms exactly once, the log rule among them
    assertThat(alarms).extracting(n -> n.get("rule").asText())
        .containsExactlyInAnyOrder("cpu-surge", "memory-leak", "disk-half-full", "unhealthy-host", "ssh-brute-force");
    assertThat(alarms).filteredOn(n -> n.get("rule").asText().equals("ssh-brute-force")).singleElement()
        .satisfies(n -> assertThat(n.get("series").asText()).isEqualTo("/var/log/secure/i-0a1b2c3d4e5f60001"));
  }

  @Test
  void anUnusableTimestampOrByteIsExitOneWithOneFileLineMessageAndNoStackTrace() throws IOException {
    String dp = "\"namespace\":\"N\",\"metricName\":\"m\",\"statistic\":\"Sum\",\"periodSeconds\":60,\"value\":1";
    assertRefused(Files.writeString(dir.resolve("old.csv"), "timestamp,value\n1969-12-31 23:59:00,1\n"),
        ":2: timestamp '1969-12-31 23:59:00' is before 1970-01-01T00:00:00Z (no Kafka record or CloudWatch datapoint is"
            + " older); expected a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z");
    assertRefused(Files.writeString(dir.resolve("far.jsonl"), "{" + dp + ",\"timestamp\":\"+999999999-12-31T23:59:59Z\"}\n"),
        ":1: timestamp: +999999999-12-31T23:59:59Z is after 9999-12-31T23:59:59.999Z; expected a time from"
            + " 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z");
    assertRefused(Files.writeString(dir.resolve("long.jsonl"), "{" + dp + ",\"timestamp\":99999999999999999999999}\n"),
        ":1: timestamp: 99999999999999999999999 as epoch milliseconds is after 9999-12-31T23:59:59.999Z; expected a time"
            + " from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (epoch microseconds or nanoseconds are not read)");
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, new byte[] {'t', 'i', 'm', 'e', 's', 't', 'a', 'm', 'p', ',', 'v', 'a', 'l', 'u', 'e', '\n',
        '2', '0', '2', '6', '-', '0', '1', '-', '0', '1', ' ', '0', '0', ':', '0', '0', ':', '0', '0', ',', (byte) 0xB5, '\n'});
    assertRefused(latin1, ":2:21: not UTF-8 text: byte 0xB5 cannot start or continue a character here (save the file as"
        + " UTF-8; or is it binary or compressed?)");
  }

  private void assertRefused(Path input, String problem) throws IOException {
    err.getBuffer().setLength(0);
    assertThat(run("replay", "--input", input.toString(), "--rules", rules().toString())).isEqualTo(1);
    assertThat(err.toString()).isEqualTo(input + problem + System.lineSeparator());
  }
}

package io.watchstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.replay.engine.InMemoryReplayEngine;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.testkit.HostileFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replay's file input against a corpus of hostile files ({@code hostile/csv}, {@code hostile/jsonl}): each file is read
 * as {@code watchstream replay --input FILE} reads it and run through the engine with a threshold and a log rule, and
 * the outcome must be exactly the {@code NAME.expected} beside it. A refused file is its one-line
 * {@code file:line: problem} message (the file named without its directory); a file that is read is every record and
 * every transition, so a timestamp read wrongly or a value dropped shows in the diff. Anything else, a stack trace
 * included, fails the case.
 */
class HostileInputFilesTest {

  private static final String RULES = """
      rules:
        - { id: csv-high, kind: threshold, metric: { namespace: Replay, name: value, dimensions: { Series: "*" } },
            period: 60s, comparison: ">", threshold: 80, treatMissingData: breaching }
        - { id: cpu-high, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
            period: 60s, comparison: ">", threshold: 80, treatMissingData: breaching }
        - { id: errors, kind: log-frequency, logs: { group: app }, pattern: ERROR, window: 1m, threshold: 1 }
      """;

  static Stream<HostileFiles.Case> csv() {
    return HostileFiles.in("hostile/csv");
  }

  static Stream<HostileFiles.Case> jsonLines() {
    return HostileFiles.in("hostile/jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("csv")
  void aCsvFileIsReadExactlyOrRefusedWithFileLineAndProblem(HostileFiles.Case c) throws Exception {
    assertThat(outcome(c, "csv")).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonLines")
  void aJsonLinesFileIsReadExactlyOrRefusedWithFileLineAndProblem(HostileFiles.Case c) throws Exception {
    assertThat(outcome(c, "jsonl")).isEqualTo(c.expected());
  }

  /** The outcome; with {@code -Dreplay.updateGolden=true} also written to the source tree's expected file (review the diff). */
  private static String outcome(HostileFiles.Case c, String kind) throws RuleFileException, IOException {
    String actual = outcome(c);
    if (Boolean.getBoolean("replay.updateGolden")) {
      Files.writeString(Path.of("src/test/resources/hostile", kind, c.name() + ".expected"), actual + "\n");
    }
    return actual;
  }

  private static String outcome(HostileFiles.Case c) throws RuleFileException {
    List<LoadedRule> rules = new RuleFileLoader().parse("rules.yaml", RULES);
    try {
      List<ReplayRecord> records = Replay.read(new ReplayRequest.Files(c.input(), CsvSeriesMapping.defaults()));
      RunResult run = new InMemoryReplayEngine(ProcessorConfig.defaults(), false, 1).run("rules", rules, records, Long.MIN_VALUE);
      return described(records, run);
    } catch (ReplayInputException e) {
      return e.getMessage().replace(c.input().getParent() + File.separator, "");
    }
  }

  private static String described(List<ReplayRecord> records, RunResult run) {
    List<String> lines = new ArrayList<>();
    lines.add("read " + records.size() + " records");
    for (ReplayRecord r : records) {
      if (r instanceof ReplayRecord.Metric m) {
        lines.add("  " + SeriesKeys.canonical(m.key()) + " " + m.value().getTimestamp() + " " + m.value().getValue());
      } else {
        var log = ((ReplayRecord.Log) r).value();
        lines.add("  " + log.getLogGroup() + "/" + log.getLogStream() + " " + log.getTimestamp() + " " + log.getMessage());
      }
    }
    lines.add(run.transitions().size() + " transitions");
    for (Transition t : run.transitions()) {
      lines.add("  " + t.ruleId() + " " + t.seriesKey() + " " + t.from() + "->" + t.to() + " " + Instant.ofEpochMilli(t.time()));
    }
    return String.join("\n", lines);
  }
}

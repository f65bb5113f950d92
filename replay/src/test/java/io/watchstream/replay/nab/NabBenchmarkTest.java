package io.watchstream.replay.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.replay.SharedData;
import io.watchstream.processor.anomaly.AnomalySettings;
import io.watchstream.processor.anomaly.ModelKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabBenchmarkTest {

  @TempDir Path dir;

  /** Writes a NAB-layout directory: one file with a level jump at row 3000, labelled, and one clean file. */
  Path corpus() throws Exception {
    Files.createDirectories(dir.resolve("cat"));
    Random r = new Random(11);
    long t0 = NabTimestamps.parseMillis("2014-01-01 00:00:00");
    List<String> jump = new ArrayList<>(List.of("timestamp,value"));
    List<String> clean = new ArrayList<>(List.of("timestamp,value"));
    for (int i = 0; i < 4000; i++) {
      String ts = NabTimestamps.format(t0 + i * 300_000L);
      jump.add(ts + "," + ((i < 3000 ? 10 : 25) + r.nextGaussian()));
      clean.add(ts + "," + (10 + r.nextGaussian()));
    }
    Files.write(dir.resolve("cat/jump.csv"), jump);
    Files.write(dir.resolve("cat/clean.csv"), clean);
    String start = NabTimestamps.format(t0 + 2800 * 300_000L);
    String end = NabTimestamps.format(t0 + 3200 * 300_000L);
    Files.writeString(dir.resolve(NabCorpus.WINDOWS_FILE),
        "{\"cat/jump.csv\": [[\"" + start + ".000000\", \"" + end + ".000000\"]], \"cat/clean.csv\": []}");
    return dir;
  }

  @Test
  void aClearLevelJumpIsFoundAndTheReportEndsWithTheStandardScore() throws Exception {
    var report = NabBenchmark.run(NabCorpus.load(corpus()), ModelKind.AUTO, AnomalySettings.DEFAULTS);
    var standard = report.profile(CostProfile.STANDARD);
    // detected at the jump, half-way through the window: about 0.86 of a perfect score, few or no false positives
    assertThat(standard.normalised()).isGreaterThan(80);
    assertThat(standard.files()).extracting(f -> f.outcome().truePositives()).containsExactly(0, 1);
    var bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[lines.length - 1]).matches("standard: \\d+\\.\\d");
    assertThat(String.join("\n", lines)).contains("cat/jump.csv").contains("reward_low_FP_rate: ").contains("reward_low_FN_rate: ")
        .contains("cross-validated leave-one-category-out standard: ").contains("cross-validated leave-one-file-out standard: ");
  }

  @Test
  void theSharedNabCorpusScoresAtLeastTheRecordedBaseline() {
    Optional<Path> nab = SharedData.nab();
    org.junit.jupiter.api.Assumptions.assumeTrue(nab.isPresent(), "shared NAB data not present beside the checkout");
    Path shared = nab.get();
    var report = NabBenchmark.run(NabCorpus.load(shared), ModelKind.AUTO, AnomalySettings.DEFAULTS);
    assertThat(report.profile(CostProfile.STANDARD).files()).hasSize(28);
    // regression guard for the model: the score measured when this test was written, minus a small margin
    assertThat(report.profile(CostProfile.STANDARD).normalised()).isGreaterThan(70);
  }
}

package io.watchstream.cli;

import io.watchstream.replay.nab.MalformedSeriesException;
import io.watchstream.replay.nab.SeriesCsv;
import io.watchstream.processor.anomaly.AnomalySettings;
import io.watchstream.processor.anomaly.ModelKind;
import io.watchstream.processor.anomaly.Score;
import io.watchstream.processor.anomaly.SeriesScorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code watchstream score}: runs a NAB-format series ({@code timestamp,value}) through the same anomaly model
 * code as the anomaly rules and writes {@code timestamp,value,anomaly_score} for every input row, in order.
 * Exit 0 on success, 2 on a malformed input file (the message names file and line).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Score a timestamp,value CSV with an anomaly model; writes timestamp,value,anomaly_score.")
public final class ScoreCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, description = "Input CSV with header timestamp,value.")
  Path input;

  @Option(names = "--output", required = true, description = "Output CSV: timestamp,value,anomaly_score.")
  Path output;

  @Option(names = "--model", defaultValue = "auto", description = "auto, robust or seasonal (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--sensitivity", defaultValue = "3.0", description = "Band half-width in standard deviations (default: ${DEFAULT-VALUE}).")
  double sensitivity;

  @Override
  public Integer call() throws IOException {
    ModelKind kind;
    SeriesCsv.Series series;
    try {
      kind = ModelKind.parse(model);
      series = SeriesCsv.read(input);
    } catch (MalformedSeriesException | IllegalArgumentException e) {
      System.err.println("watchstream score: " + e.getMessage());
      return 2;
    }
    AnomalySettings settings = new AnomalySettings(sensitivity, AnomalySettings.DEFAULTS.minTrainingPeriods());
    Score[] scores = SeriesScorer.scoreAll(series.timestamps(), series.values(), kind, settings);
    try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      out.write("timestamp,value,anomaly_score\n");
      for (int i = 0; i < scores.length; i++) {
        out.write(series.rawTimestamps()[i]);
        out.write(',');
        out.write(series.rawValues()[i]);
        out.write(',');
        out.write(Double.toString(scores[i].score()));
        out.write('\n');
      }
    }
    System.err.printf("watchstream score: %d rows scored with the %s model -> %s%n", scores.length, kind.label(), output);
    return 0;
  }
}

package io.watchstream.cli;

import io.watchstream.replay.nab.MalformedSeriesException;
import io.watchstream.replay.nab.NabBenchmark;
import io.watchstream.replay.nab.NabCorpus;
import io.watchstream.processor.anomaly.AnomalySettings;
import io.watchstream.processor.anomaly.ModelKind;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code watchstream nab}: scores the anomaly model on a NAB-layout directory (category folders of CSVs and
 * {@code combined_windows.json}) with the project's NAB scorer; prints per-file numbers, the three profile
 * scores and a last line {@code standard: NN.N}. Exit 2 on a malformed data directory.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
    description = "Evaluate the anomaly model on NAB-format labelled data (standard, low-FP and low-FN profiles).")
public final class NabCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "NAB data directory with combined_windows.json.")
  Path data;

  @Option(names = "--model", defaultValue = "auto", description = "auto, robust or seasonal (default: ${DEFAULT-VALUE}).")
  String model;

  @Override
  public Integer call() {
    try {
      ModelKind kind = ModelKind.parse(model);
      NabBenchmark.run(NabCorpus.load(data), kind, AnomalySettings.DEFAULTS).print(System.out);
      return 0;
    } catch (MalformedSeriesException | IllegalArgumentException e) {
      System.err.println("watchstream nab: " + e.getMessage());
      return 2;
    }
  }
}

package io.watchstream.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns {@code --input FILE_OR_DIR} into one event-time-ordered stream. A file is read by its extension
 * ({@code .csv}: NAB-style series; {@code .jsonl}/{@code .ndjson}/{@code .json}: metric datapoints and log
 * events, told apart line by line, see {@link JsonLinesReader}); a
 * directory contributes every {@code .csv}, {@code .jsonl} and {@code .ndjson} file below it, in path order. All files share one clock: the
 * records are merged by timestamp, so one file's datapoints advance event time for every series — as the
 * live processor sees them when they arrive together.
 */
public final class FileInputs {

  private FileInputs() {}

  /** The files {@code input} stands for, in path order; fails when there are none. */
  public static List<Path> files(Path input) {
    if (!Files.exists(input)) {
      throw ReplayInputException.at(input, 0, "no such file or directory");
    }
    if (Files.isRegularFile(input)) {
      if (!Files.isReadable(input)) {
        throw ReplayInputException.at(input, 0, "not readable");
      }
      return List.of(input);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(input)) {
      // .json is taken only when named explicitly: a directory may hold label files such as combined_windows.json
      files = walk.filter(Files::isRegularFile).filter(f -> isSupported(f) && !lower(f).endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw ReplayInputException.at(input, 0, "cannot list: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw ReplayInputException.at(input, 0, "no .csv or .jsonl files in this directory");
    }
    return files;
  }

  /** Reads every file of {@code input} and merges them into one event-time-ordered list. */
  public static List<ReplayRecord> read(Path input, CsvSeriesMapping csv) {
    List<Path> files = files(input);
    if (csv.seriesName() != null && files.size() > 1) {
      throw new ReplayInputException("--series names one series, but " + input + " holds " + files.size() + " files");
    }
    // files are parsed in parallel (parsing dominates a replay of many files); the merge keeps path order for ties
    List<List<? extends ReplayRecord>> perFile = files.parallelStream().<List<? extends ReplayRecord>>map(f -> readFile(f, csv)).toList();
    return TimeOrderedMerge.merge(perFile);
  }

  static List<? extends ReplayRecord> readFile(Path file, CsvSeriesMapping csv) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CsvSeriesReader.read(file, csv);
    }
    if (isSupported(file)) {
      return JsonLinesReader.read(file);
    }
    throw ReplayInputException.at(file, 0, "unknown file type (expected .csv, .jsonl, .ndjson or .json)");
  }

  private static String lower(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  static boolean isSupported(Path file) {
    String name = lower(file);
    return name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
  }
}

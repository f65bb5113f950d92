package io.watchstream.replay.nab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads a NAB data directory: category folders of {@code timestamp,value} CSVs plus
 * {@code combined_windows.json} mapping {@code category/file.csv} to its windows. Only the files
 * named in the windows file are loaded, in name order, so the corpus is exactly the labelled one.
 */
public final class NabCorpus {

  public static final String WINDOWS_FILE = "combined_windows.json";

  private NabCorpus() {}

  public static List<LabelledSeries> load(Path dir) {
    Path windowsFile = dir.resolve(WINDOWS_FILE);
    if (!Files.isRegularFile(windowsFile)) {
      throw new MalformedSeriesException(windowsFile, 0, "missing; a NAB data directory needs " + WINDOWS_FILE);
    }
    Map<String, List<List<String>>> labels;
    try {
      labels = new TreeMap<>(new ObjectMapper().readValue(windowsFile.toFile(), new TypeReference<Map<String, List<List<String>>>>() {}));
    } catch (IOException e) {
      throw new MalformedSeriesException(windowsFile, 0, "not a JSON object of file -> [[start, end], ...]: " + e.getMessage());
    }
    List<LabelledSeries> corpus = new ArrayList<>();
    for (var entry : labels.entrySet()) {
      Path csv = dir.resolve(entry.getKey());
      if (!Files.isRegularFile(csv)) {
        throw new MalformedSeriesException(csv, 0, "listed in " + WINDOWS_FILE + " but not found");
      }
      SeriesCsv.Series series = SeriesCsv.read(csv);
      List<AnomalyWindow> windows = new ArrayList<>();
      for (List<String> w : entry.getValue()) {
        if (w.size() != 2) {
          throw new MalformedSeriesException(windowsFile, 0, entry.getKey() + ": window " + w + " is not [start, end]");
        }
        try {
          windows.add(new AnomalyWindow(NabTimestamps.parseMillis(w.get(0)), NabTimestamps.parseMillis(w.get(1))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
          throw new MalformedSeriesException(windowsFile, 0, entry.getKey() + ": bad window " + w + ": " + e.getMessage());
        }
      }
      corpus.add(new LabelledSeries(entry.getKey(), series.timestamps(), series.values(), windows));
    }
    return corpus;
  }

}

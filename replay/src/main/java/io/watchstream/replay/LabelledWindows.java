package io.watchstream.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.replay.nab.AnomalyWindow;
import io.watchstream.replay.nab.NabTimestamps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Labelled incident windows in the NAB windows format: {@code {"dir/file.csv": [["start", "end"], ...]}}
 * with NAB timestamps ({@code 2014-02-26 13:45:00.000000}, UTC) or ISO-8601 instants. An entry applies to a
 * series when its key, or its key without directory and extension, equals one of the series' label names
 * (canonical series key or a dimension value — a CSV's series name is its file name).
 */
public final class LabelledWindows {

  private final Map<String, List<AnomalyWindow>> byName = new HashMap<>();

  public static LabelledWindows empty() {
    return new LabelledWindows();
  }

  public static LabelledWindows load(Path file) {
    Map<String, List<List<String>>> raw;
    try {
      raw = new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, List<List<String>>>>() {});
    } catch (IOException e) {
      throw ReplayInputException.at(file, 0, "not a NAB windows file ({\"file.csv\": [[start, end], ...]}): " + e.getMessage());
    }
    LabelledWindows w = new LabelledWindows();
    raw.forEach((key, list) -> {
      List<AnomalyWindow> windows = new ArrayList<>();
      for (List<String> pair : list) {
        if (pair.size() != 2) {
          throw ReplayInputException.at(file, 0, key + ": window " + pair + " is not [start, end]");
        }
        windows.add(new AnomalyWindow(parse(file, key, pair.get(0)), parse(file, key, pair.get(1))));
      }
      w.byName.put(key, windows);
      w.byName.putIfAbsent(stem(key), windows);
    });
    return w;
  }

  /** The windows labelled for a series, or empty when the file says nothing about it (unlabelled). */
  public Optional<List<AnomalyWindow>> windowsFor(InputSeries.Series series) {
    for (String name : series.labelNames()) {
      List<AnomalyWindow> w = byName.get(name);
      if (w != null) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  static String stem(String key) {
    String s = key.substring(key.lastIndexOf('/') + 1);
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }

  private static long parse(Path file, String key, String text) {
    try {
      return text.contains("T") && text.endsWith("Z") ? Instant.parse(text).toEpochMilli() : NabTimestamps.parseMillis(text);
    } catch (DateTimeParseException e) {
      throw ReplayInputException.at(file, 0, key + ": bad timestamp '" + text + "'");
    }
  }
}

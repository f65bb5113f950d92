package io.watchstream.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the replay's machine-readable outputs: the summary ({@code --json}, pretty-printed, fields in
 * declaration order) and every transition as one JSON object per line ({@code --transitions}).
 */
public final class SummaryWriter {

  static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ObjectMapper LINES = JsonMapper.builder().build();

  private SummaryWriter() {}

  public static String toJson(ReplaySummary summary) {
    try {
      return JSON.writeValueAsString(summary) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeSummary(ReplaySummary summary, Path file) throws IOException {
    createParent(file);
    Files.writeString(file, toJson(summary), StandardCharsets.UTF_8);
  }

  /**
   * Every transition (reminders included) of every rule set, in input order: each set's transitions keep
   * the order the topology produced them, and the sets are merged by event time (baseline first on ties).
   * Fields: {@code ruleSet, rule, ruleVersion, series, time, from, to, reminder, windowStart, windowEnd, reason}.
   */
  public static void writeTransitions(List<RunResult> runs, Path file) throws IOException {
    createParent(file);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Labelled t : inInputOrder(runs)) {
        out.write(LINES.writeValueAsString(line(t.label, t.transition)));
        out.write('\n');
      }
    }
  }

  record Labelled(String label, Transition transition) {}

  static List<Labelled> inInputOrder(List<RunResult> runs) {
    List<Labelled> out = new ArrayList<>();
    int[] next = new int[runs.size()];
    while (true) {
      int pick = -1;
      for (int i = 0; i < runs.size(); i++) {
        List<Transition> ts = runs.get(i).transitions();
        if (next[i] < ts.size() && (pick < 0 || ts.get(next[i]).time() < runs.get(pick).transitions().get(next[pick]).time())) {
          pick = i;
        }
      }
      if (pick < 0) {
        return out;
      }
      out.add(new Labelled(runs.get(pick).label(), runs.get(pick).transitions().get(next[pick]++)));
    }
  }

  static Map<String, Object> line(String label, Transition t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleSet", label);
    m.put("rule", t.ruleId());
    m.put("ruleVersion", t.ruleVersion());
    m.put("series", t.seriesKey());
    m.put("time", ReplayAnalysis.iso(t.time()));
    m.put("from", t.from().name());
    m.put("to", t.to().name());
    m.put("reminder", t.reminder());
    m.put("windowStart", ReplayAnalysis.iso(t.windowStart()));
    m.put("windowEnd", ReplayAnalysis.iso(t.windowEnd()));
    m.put("reason", t.reason());
    return m;
  }

  /** Creates the directory a requested output file goes into. */
  public static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}

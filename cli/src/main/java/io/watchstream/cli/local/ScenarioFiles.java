package io.watchstream.cli.local;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.schemas.ContractJsonLines;
import io.watchstream.schemas.ContractLineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled scenario data ({@code examples/scenario/metrics.jsonl} and {@code logs.jsonl}): one JSON object per
 * line with exactly the fields of the {@code MetricDatapoint} and {@code LogEvent} contracts ({@link ContractJsonLines}),
 * timestamps in epoch milliseconds. The files were recorded with minute zero at {@link #RECORDED_MINUTE_ZERO}; {@link #load} shifts
 * every timestamp so that minute zero becomes the minute local mode starts.
 */
public final class ScenarioFiles {

  public static final Instant RECORDED_MINUTE_ZERO = Instant.parse("2026-01-01T00:00:00Z");
  /** Minutes -30..30 of the story: half an hour of history and half an hour to play live. */
  public static final int LAST_MINUTE = 30;
  public static final String METRICS_FILE = "metrics.jsonl";
  public static final String LOGS_FILE = "logs.jsonl";

  /** The bundled datapoints all name their source; one that does not is the scenario's. */
  private static final ContractJsonLines CODEC = new ContractJsonLines("scenario");

  /** Datapoints and log events, each list in time order. */
  public record Data(List<MetricDatapoint> datapoints, List<LogEvent> logEvents) {}

  private ScenarioFiles() {}

  /** The content of the two files, generated from {@link Scenario} with the sample fleet. */
  public static Data recorded() {
    Scenario scenario = new Scenario(Scenario.Fleet.sample(), RECORDED_MINUTE_ZERO);
    return new Data(ScenarioRecords.datapoints(scenario, -Scenario.HISTORY_MINUTES, LAST_MINUTE),
        ScenarioRecords.logEvents(scenario, -Scenario.HISTORY_MINUTES, LAST_MINUTE));
  }

  public static void write(Path dir, Data data) throws IOException {
    Files.createDirectories(dir);
    List<String> metricLines = new ArrayList<>();
    for (MetricDatapoint d : data.datapoints()) {
      metricLines.add(ContractJsonLines.encode(d));
    }
    List<String> logLines = new ArrayList<>();
    for (LogEvent e : data.logEvents()) {
      logLines.add(ContractJsonLines.encode(e));
    }
    Files.write(dir.resolve(METRICS_FILE), metricLines, StandardCharsets.UTF_8);
    Files.write(dir.resolve(LOGS_FILE), logLines, StandardCharsets.UTF_8);
  }

  /**
   * Reads the files in {@code dir} and moves them in time so that minute zero is {@code minuteZero}. A line that does
   * not fit its contract fails with file, line and field ({@link ContractLineException}).
   */
  public static Data load(Path dir, Instant minuteZero) {
    Duration shift = Duration.between(RECORDED_MINUTE_ZERO, Instant.ofEpochSecond(minuteZero.getEpochSecond() / 60 * 60));
    List<MetricDatapoint> datapoints = new ArrayList<>();
    List<LogEvent> events = new ArrayList<>();
    for (String file : List.of(METRICS_FILE, LOGS_FILE)) {
      for (ContractJsonLines.Line line : CODEC.read(dir.resolve(file))) {
        if (line instanceof ContractJsonLines.DatapointLine d) {
          MetricDatapoint datapoint = d.datapoint();
          datapoint.setTimestamp(datapoint.getTimestamp().plus(shift));
          datapoints.add(datapoint);
        } else if (line instanceof ContractJsonLines.LogLine l) {
          LogEvent event = l.event();
          event.setTimestamp(event.getTimestamp().plus(shift));
          event.setIngestionTime(event.getIngestionTime().plus(shift));
          events.add(event);
        }
      }
    }
    return new Data(datapoints, events);
  }
}

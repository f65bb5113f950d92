package io.watchstream.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled scenario data ({@code examples/scenario/metrics.jsonl} and {@code logs.jsonl}): one JSON object per
 * line with exactly the fields of the {@code MetricDatapoint} and {@code LogEvent} contracts, timestamps in epoch
 * milliseconds. The files were recorded with minute zero at {@link #RECORDED_MINUTE_ZERO}; {@link #load} shifts
 * every timestamp so that minute zero becomes the minute local mode starts.
 */
public final class ScenarioFiles {

  public static final Instant RECORDED_MINUTE_ZERO = Instant.parse("2026-01-01T00:00:00Z");
  /** Minutes -30..30 of the story: half an hour of history and half an hour to play live. */
  public static final int LAST_MINUTE = 30;
  public static final String METRICS_FILE = "metrics.jsonl";
  public static final String LOGS_FILE = "logs.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

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
      metricLines.add(toJson(d));
    }
    List<String> logLines = new ArrayList<>();
    for (LogEvent e : data.logEvents()) {
      logLines.add(toJson(e));
    }
    Files.write(dir.resolve(METRICS_FILE), metricLines, StandardCharsets.UTF_8);
    Files.write(dir.resolve(LOGS_FILE), logLines, StandardCharsets.UTF_8);
  }

  /** Reads the files in {@code dir} and moves them in time so that minute zero is {@code minuteZero}. */
  public static Data load(Path dir, Instant minuteZero) {
    Duration shift = Duration.between(RECORDED_MINUTE_ZERO, Instant.ofEpochSecond(minuteZero.getEpochSecond() / 60 * 60));
    try {
      List<MetricDatapoint> datapoints = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve(METRICS_FILE), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          MetricDatapoint d = datapoint(JSON.readTree(line));
          d.setTimestamp(d.getTimestamp().plus(shift));
          datapoints.add(d);
        }
      }
      List<LogEvent> events = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve(LOGS_FILE), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          LogEvent e = logEvent(JSON.readTree(line));
          e.setTimestamp(e.getTimestamp().plus(shift));
          e.setIngestionTime(e.getIngestionTime().plus(shift));
          events.add(e);
        }
      }
      return new Data(datapoints, events);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the scenario data in " + dir, e);
    }
  }

  static String toJson(MetricDatapoint d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("namespace", d.getNamespace()).put("metricName", d.getMetricName());
    var dims = o.putArray("dimensions");
    d.getDimensions().forEach(dim -> dims.addObject().put("name", dim.getName()).put("value", dim.getValue()));
    o.put("timestamp", d.getTimestamp().toEpochMilli()).put("value", d.getValue()).put("unit", d.getUnit())
        .put("statistic", d.getStatistic()).put("periodSeconds", d.getPeriodSeconds()).put("source", d.getSource());
    return o.toString();
  }

  static String toJson(LogEvent e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("logGroup", e.getLogGroup()).put("logStream", e.getLogStream()).put("eventId", e.getEventId())
        .put("timestamp", e.getTimestamp().toEpochMilli()).put("ingestionTime", e.getIngestionTime().toEpochMilli())
        .put("message", e.getMessage());
    return o.toString();
  }

  static MetricDatapoint datapoint(JsonNode o) {
    List<Dimension> dims = new ArrayList<>();
    o.get("dimensions").forEach(d -> dims.add(new Dimension(d.get("name").asText(), d.get("value").asText())));
    return MetricDatapoint.newBuilder().setNamespace(o.get("namespace").asText()).setMetricName(o.get("metricName").asText())
        .setDimensions(dims).setTimestamp(Instant.ofEpochMilli(o.get("timestamp").asLong()))
        .setValue(o.get("value").asDouble()).setUnit(o.hasNonNull("unit") ? o.get("unit").asText() : null)
        .setStatistic(o.get("statistic").asText()).setPeriodSeconds(o.get("periodSeconds").asInt())
        .setSource(o.get("source").asText()).build();
  }

  static LogEvent logEvent(JsonNode o) {
    return LogEvent.newBuilder().setLogGroup(o.get("logGroup").asText()).setLogStream(o.get("logStream").asText())
        .setEventId(o.get("eventId").asText()).setTimestamp(Instant.ofEpochMilli(o.get("timestamp").asLong()))
        .setIngestionTime(Instant.ofEpochMilli(o.get("ingestionTime").asLong()))
        .setMessage(o.get("message").asText()).build();
  }
}

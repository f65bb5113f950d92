package io.watchstream.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.schemas.SeriesKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads JSON lines of the topic contracts: metric datapoints ({@code MetricDatapoint.avsc}) and log events
 * ({@code LogEvent.avsc}), one object per line, in the field names of the schemas. Each line is classified
 * on its own, so a file may hold both kinds (as a dump of both topics would):
 * <ul>
 *   <li>a line with {@code metricName} is a datapoint: {@code namespace, metricName, dimensions:[{name,value}],
 *       timestamp, value, statistic, periodSeconds}, optional {@code unit} and {@code source};</li>
 *   <li>a line with {@code logGroup} is a log event: {@code logGroup, logStream, timestamp, message}, optional
 *       {@code eventId} (default {@code <file name>:<line>}, unique within the file) and {@code ingestionTime}
 *       (default: the timestamp);</li>
 *   <li>a line with both or neither fails with file and line.</li>
 * </ul>
 * {@code timestamp} and {@code ingestionTime} are epoch milliseconds or ISO-8601 instants. Blank lines are
 * skipped; anything else that does not fit fails with file, line and field. The records are returned in
 * event-time order (stable for equal times).
 */
public final class JsonLinesReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLinesReader() {}

  public static List<ReplayRecord> read(Path file) {
    List<ReplayRecord> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw ReplayInputException.at(file, lineNo, "not valid JSON: " + e.getOriginalMessage());
        }
        out.add(record(file, lineNo, node));
      }
    } catch (CharacterCodingException e) {
      throw ReplayInputException.at(file, firstLineNotUtf8(file), "not UTF-8 text (a binary or compressed file?)");
    } catch (IOException e) {
      throw ReplayInputException.at(file, 0, "cannot read: " + e.getMessage());
    }
    out.sort(Comparator.comparingLong(ReplayRecord::timestamp));
    return out;
  }

  /** The reader decodes ahead of the line it returns, so the bad line is found again byte-wise (0 if not found). */
  private static long firstLineNotUtf8(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      long line = 1;
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, i - start));
          } catch (CharacterCodingException bad) {
            return line;
          }
          line++;
          start = i + 1;
        }
      }
    } catch (IOException ignored) {
      // fall through: the message then names the file only
    }
    return 0;
  }

  static ReplayRecord record(Path file, long line, JsonNode node) {
    if (!node.isObject()) {
      throw ReplayInputException.at(file, line, "expected a JSON object (a metric datapoint or a log event)");
    }
    boolean metric = node.has("metricName");
    boolean log = node.has("logGroup");
    if (metric == log) {
      throw ReplayInputException.at(file, line, metric
          ? "has both metricName and logGroup: a line is either a metric datapoint or a log event"
          : "neither a metric datapoint (needs metricName) nor a log event (needs logGroup)");
    }
    if (metric) {
      MetricDatapoint d = datapoint(file, line, node);
      return new ReplayRecord.Metric(SeriesKeys.of(d), d);
    }
    LogEvent e = logEvent(file, line, node);
    return new ReplayRecord.Log(new LogStreamKey(e.getLogGroup(), e.getLogStream()), e);
  }

  static LogEvent logEvent(Path file, long line, JsonNode node) {
    Instant timestamp = timestamp(file, line, "timestamp", node.get("timestamp"));
    JsonNode eventId = node.get("eventId");
    JsonNode ingestion = node.get("ingestionTime");
    JsonNode message = node.get("message");
    if (message == null || !message.isTextual()) {
      // an empty message is a valid log line; a missing or non-string one is not
      throw ReplayInputException.at(file, line, "message: required string is missing");
    }
    return LogEvent.newBuilder()
        .setLogGroup(text(file, line, node, "logGroup"))
        .setLogStream(text(file, line, node, "logStream"))
        .setEventId(eventId == null || eventId.isNull() ? file.getFileName() + ":" + line : eventId.asText())
        .setTimestamp(timestamp)
        .setIngestionTime(ingestion == null || ingestion.isNull() ? timestamp : timestamp(file, line, "ingestionTime", ingestion))
        .setMessage(message.asText())
        .build();
  }

  static MetricDatapoint datapoint(Path file, long line, JsonNode node) {
    List<Dimension> dims = new ArrayList<>();
    JsonNode d = node.get("dimensions");
    if (d != null && !d.isNull()) {
      if (!d.isArray()) {
        throw ReplayInputException.at(file, line, "dimensions: expected an array of {name, value}");
      }
      for (JsonNode dim : d) {
        dims.add(new Dimension(text(file, line, dim, "dimensions[].name"), text(file, line, dim, "dimensions[].value")));
      }
    }
    JsonNode unit = node.get("unit");
    JsonNode source = node.get("source");
    return MetricDatapoint.newBuilder()
        .setNamespace(text(file, line, node, "namespace"))
        .setMetricName(text(file, line, node, "metricName"))
        .setDimensions(SeriesKeys.sorted(dims))
        .setTimestamp(timestamp(file, line, "timestamp", node.get("timestamp")))
        .setValue(number(file, line, node, "value"))
        .setUnit(unit == null || unit.isNull() ? null : unit.asText())
        .setStatistic(text(file, line, node, "statistic"))
        .setPeriodSeconds(period(file, line, node))
        .setSource(source == null || source.isNull() ? "replay" : source.asText())
        .build();
  }

  private static String text(Path file, long line, JsonNode node, String path) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw ReplayInputException.at(file, line, path + ": required string is missing or empty");
    }
    return v.asText();
  }

  private static double number(Path file, long line, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw ReplayInputException.at(file, line, field + ": required finite number is missing or not a number");
    }
    return v.asDouble();
  }

  private static int period(Path file, long line, JsonNode node) {
    JsonNode v = node.get("periodSeconds");
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
      throw ReplayInputException.at(file, line, "periodSeconds: required positive integer");
    }
    return v.asInt();
  }

  private static Instant timestamp(Path file, long line, String field, JsonNode v) {
    if (v != null && v.isIntegralNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v != null && v.isTextual()) {
      try {
        return Instant.parse(v.asText());
      } catch (DateTimeParseException e) {
        throw ReplayInputException.at(file, line, field + ": '" + v.asText() + "' is not an ISO-8601 instant");
      }
    }
    throw ReplayInputException.at(file, line, field + ": required epoch milliseconds or ISO-8601 instant");
  }
}

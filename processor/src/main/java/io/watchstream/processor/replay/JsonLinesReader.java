package io.watchstream.processor.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.schemas.SeriesKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads JSON lines of the metric-datapoint contract: one object per line with the field names of
 * {@code MetricDatapoint.avsc} ({@code namespace, metricName, dimensions:[{name,value}], timestamp, value,
 * unit, statistic, periodSeconds, source}). {@code timestamp} is epoch milliseconds or an ISO-8601
 * instant; {@code unit} and {@code source} are optional. Blank lines are skipped; anything else that does
 * not fit fails with file and line. The records are returned in event-time order (stable for equal times).
 */
public final class JsonLinesReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLinesReader() {}

  public static List<ReplayRecord.Metric> read(Path file) {
    List<ReplayRecord.Metric> out = new ArrayList<>();
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
        MetricDatapoint d = datapoint(file, lineNo, node);
        out.add(new ReplayRecord.Metric(SeriesKeys.of(d), d));
      }
    } catch (IOException e) {
      throw ReplayInputException.at(file, 0, "cannot read: " + e.getMessage());
    }
    out.sort(Comparator.comparingLong(ReplayRecord.Metric::timestamp));
    return out;
  }

  static MetricDatapoint datapoint(Path file, long line, JsonNode node) {
    if (!node.isObject()) {
      throw ReplayInputException.at(file, line, "expected a JSON object of the metric-datapoint contract");
    }
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
        .setTimestamp(timestamp(file, line, node.get("timestamp")))
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

  private static Instant timestamp(Path file, long line, JsonNode v) {
    if (v != null && v.isIntegralNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v != null && v.isTextual()) {
      try {
        return Instant.parse(v.asText());
      } catch (DateTimeParseException e) {
        throw ReplayInputException.at(file, line, "timestamp: '" + v.asText() + "' is not an ISO-8601 instant");
      }
    }
    throw ReplayInputException.at(file, line, "timestamp: required epoch milliseconds or ISO-8601 instant");
  }
}

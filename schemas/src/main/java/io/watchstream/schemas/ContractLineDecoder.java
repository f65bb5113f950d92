package io.watchstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One JSON line's fields into a contract record for {@link ContractJsonLines}; every problem names file, line and field. */
record ContractLineDecoder(Path file, long line, String defaultSource) {

  ContractJsonLines.Line line(JsonNode node) {
    if (!node.isObject()) {
      throw problem("expected a JSON object (a metric datapoint or a log event)");
    }
    boolean metric = node.has("metricName");
    boolean log = node.has("logGroup");
    if (metric == log) {
      throw problem(metric
          ? "has both metricName and logGroup: a line is either a metric datapoint or a log event"
          : "neither a metric datapoint (needs metricName) nor a log event (needs logGroup)");
    }
    return metric ? new ContractJsonLines.DatapointLine(datapoint(node)) : new ContractJsonLines.LogLine(logEvent(node));
  }

  LogEvent logEvent(JsonNode node) {
    Instant timestamp = timestamp("timestamp", node.get("timestamp"));
    JsonNode eventId = node.get("eventId");
    JsonNode ingestion = node.get("ingestionTime");
    JsonNode message = node.get("message");
    if (message == null || !message.isTextual()) {
      // an empty message is a valid log line; a missing or non-string one is not
      throw problem("message: required string is missing");
    }
    return LogEvent.newBuilder()
        .setLogGroup(text(node, "logGroup"))
        .setLogStream(text(node, "logStream"))
        .setEventId(eventId == null || eventId.isNull() ? file.getFileName() + ":" + line : eventId.asText())
        .setTimestamp(timestamp)
        .setIngestionTime(ingestion == null || ingestion.isNull() ? timestamp : timestamp("ingestionTime", ingestion))
        .setMessage(message.asText())
        .build();
  }

  MetricDatapoint datapoint(JsonNode node) {
    List<Dimension> dims = new ArrayList<>();
    JsonNode d = node.get("dimensions");
    if (d != null && !d.isNull()) {
      if (!d.isArray()) {
        throw problem("dimensions: expected an array of {name, value}");
      }
      for (JsonNode dim : d) {
        dims.add(new Dimension(text(dim, "dimensions[].name"), text(dim, "dimensions[].value")));
      }
    }
    JsonNode unit = node.get("unit");
    JsonNode source = node.get("source");
    return MetricDatapoint.newBuilder()
        .setNamespace(text(node, "namespace"))
        .setMetricName(text(node, "metricName"))
        .setDimensions(SeriesKeys.sorted(dims))
        .setTimestamp(timestamp("timestamp", node.get("timestamp")))
        .setValue(number(node, "value"))
        .setUnit(unit == null || unit.isNull() ? null : unit.asText())
        .setStatistic(text(node, "statistic"))
        .setPeriodSeconds(period(node))
        .setSource(source == null || source.isNull() ? defaultSource : source.asText())
        .build();
  }

  private String text(JsonNode node, String path) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw problem(path + ": required string is missing or empty");
    }
    return v.asText();
  }

  private double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw problem(field + ": required finite number is missing");
    }
    if (!v.isNumber()) {
      throw problem(field + ": expected a finite number, found " + kind(v));
    }
    if (!Double.isFinite(v.asDouble())) {
      // 1e400 is read as Infinity: the text as written is gone, so name the three ways to get here
      throw problem(field + ": not a finite number (NaN, Infinity, or beyond ±1.8e308, the range of a double);"
          + " expected a finite number");
    }
    return v.asDouble();
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private int period(JsonNode node) {
    JsonNode v = node.get("periodSeconds");
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
      throw problem("periodSeconds: required positive integer (seconds, at most " + Integer.MAX_VALUE + ")");
    }
    return v.asInt();
  }

  /** Epoch milliseconds or an ISO-8601 instant, within {@link EventTimeLimits}; never truncated or guessed. */
  private Instant timestamp(String field, JsonNode v) {
    if (v != null && v.isIntegralNumber()) {
      boolean fitsLong = v.canConvertToLong();
      String refused = EventTimeLimits.numberProblem(v.asText(), fitsLong, fitsLong ? v.asLong() : 0);
      if (refused != null) {
        throw problem(field + ": " + refused);
      }
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v != null && v.isTextual()) {
      Instant t;
      try {
        t = Instant.parse(v.asText());
      } catch (DateTimeParseException e) {
        throw problem(field + ": '" + v.asText() + "' is not an ISO-8601 instant; expected e.g. 2026-01-01T00:00:00Z"
            + " (UTC, or with an offset: +01:00) or epoch milliseconds");
      }
      String refused = EventTimeLimits.problem(t);
      if (refused != null) {
        throw problem(field + ": " + v.asText() + " " + refused);
      }
      return t;
    }
    throw problem(field + ": required epoch milliseconds or ISO-8601 instant"
        + (v == null || v.isNull() ? " is missing" : ", found " + (v.isNumber() ? "a number with a fraction or exponent" : kind(v))));
  }

  private ContractLineException problem(String text) {
    return new ContractLineException(file, line, text);
  }
}

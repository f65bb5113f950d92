package io.watchstream.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON lines of the two input contracts, metric datapoints ({@code MetricDatapoint.avsc}) and log events
 * ({@code LogEvent.avsc}), one object per line in the field names of the schemas; the one mapping between them and
 * the Avro records (replay's file input and local mode's scenario files). Each line is classified on its own, so a
 * file may hold both kinds (as a dump of both topics would):
 * <ul>
 *   <li>a line with {@code metricName} is a datapoint: {@code namespace, metricName, dimensions:[{name,value}],
 *       timestamp, value, statistic, periodSeconds}, optional {@code unit} and {@code source} (default: the
 *       codec's); dimensions come out sorted, as in a series key;</li>
 *   <li>a line with {@code logGroup} is a log event: {@code logGroup, logStream, timestamp, message}, optional
 *       {@code eventId} (default {@code <file name>:<line>}, unique within the file) and {@code ingestionTime}
 *       (default: the timestamp);</li>
 *   <li>a line with both or neither fails.</li>
 * </ul>
 * {@code timestamp} and {@code ingestionTime} are integral epoch milliseconds or ISO-8601 instants ({@link #encode}
 * writes milliseconds), within {@link EventTimeLimits} (1970 to the end of 9999); a number below 10^11 (before
 * 1973-03-03) is refused as likely epoch seconds, one beyond a {@code long} as out of range, never truncated.
 * {@code value} is a finite number (NaN and Infinity are refused by name). Blank lines are skipped; anything else that
 * does not fit fails with a {@link ContractLineException} naming file, line and field (and column, for JSON syntax).
 */
public final class ContractJsonLines {

  /** One decoded line: a datapoint or a log event. */
  public sealed interface Line permits DatapointLine, LogLine {}

  public record DatapointLine(MetricDatapoint datapoint) implements Line {}

  public record LogLine(LogEvent event) implements Line {}

  // NaN and Infinity are read as numbers so that the value's own check can name them rather than the JSON parser
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final String defaultSource;

  /** @param defaultSource the {@code source} of a datapoint whose line names none */
  public ContractJsonLines(String defaultSource) {
    this.defaultSource = defaultSource;
  }

  /**
   * Every line of {@code file}, in file order. A byte-order mark before the first line and CRLF line ends are read
   * as if absent; a last line cut short, and the first byte that is not UTF-8, are named by line.
   */
  public List<Line> read(Path file) {
    List<Line> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text = in.readLine();
      long line = 0;
      if (text != null) {
        text = TextFiles.withoutByteOrderMark(text);
      }
      while (text != null) {
        line++;
        String next = in.readLine();
        if (!text.isBlank()) {
          out.add(next == null ? decodeLast(file, line, text) : decode(file, line, text));
        }
        text = next;
      }
    } catch (CharacterCodingException e) {
      TextFiles.Position at = TextFiles.firstNotUtf8(file);
      throw at == null
          ? new ContractLineException(file, 0, "not UTF-8 text (a binary or compressed file?)")
          : new ContractLineException(file, at.line(), at.column(), TextFiles.notUtf8(at));
    } catch (IOException e) {
      throw new ContractLineException(file, 0, "cannot read: " + e.getMessage());
    }
    return out;
  }

  /** The last line: if it is not JSON because the file stops inside it, says so rather than what JSON expected next. */
  private Line decodeLast(Path file, long line, String text) {
    try {
      return decode(file, line, text);
    } catch (ContractLineException e) {
      if (e.getMessage().contains(": not valid JSON: ") && TextFiles.endsMidLine(file)) {
        throw new ContractLineException(file, line, "the file ends in the middle of this line (cut short, or still being"
            + " written?); expected one complete JSON object per line");
      }
      throw e;
    }
  }

  /** One line of {@code file} (named in errors and in the default event id). */
  public Line decode(Path file, long line, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new ContractLineException(file, line, at == null ? 0 : at.getColumnNr(),
          "not valid JSON: " + withoutSource(e.getOriginalMessage()) + "; expected one JSON object per line");
    }
    return new ContractLineDecoder(file, line, defaultSource).line(node);
  }

  /** Jackson's message without its "(start marker at [Source: REDACTED …])" aside, which names no source anyway. */
  private static String withoutSource(String message) {
    return message.replaceAll("\\s*\\(start marker at \\[Source: [^]]*\\]\\)", "");
  }

  public static String encode(MetricDatapoint d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("namespace", d.getNamespace()).put("metricName", d.getMetricName());
    var dims = o.putArray("dimensions");
    for (Dimension dim : d.getDimensions()) {
      dims.addObject().put("name", dim.getName()).put("value", dim.getValue());
    }
    o.put("timestamp", d.getTimestamp().toEpochMilli()).put("value", d.getValue()).put("unit", d.getUnit())
        .put("statistic", d.getStatistic()).put("periodSeconds", d.getPeriodSeconds()).put("source", d.getSource());
    return o.toString();
  }

  public static String encode(LogEvent e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("logGroup", e.getLogGroup()).put("logStream", e.getLogStream()).put("eventId", e.getEventId())
        .put("timestamp", e.getTimestamp().toEpochMilli()).put("ingestionTime", e.getIngestionTime().toEpochMilli())
        .put("message", e.getMessage());
    return o.toString();
  }
}

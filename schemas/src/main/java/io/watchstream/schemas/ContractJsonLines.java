package io.watchstream.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * {@code timestamp} and {@code ingestionTime} are epoch milliseconds or ISO-8601 instants ({@link #encode} writes
 * milliseconds). Blank lines are skipped; anything else that does not fit fails with a {@link ContractLineException}
 * naming file, line and field.
 */
public final class ContractJsonLines {

  /** One decoded line: a datapoint or a log event. */
  public sealed interface Line permits DatapointLine, LogLine {}

  public record DatapointLine(MetricDatapoint datapoint) implements Line {}

  public record LogLine(LogEvent event) implements Line {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String defaultSource;

  /** @param defaultSource the {@code source} of a datapoint whose line names none */
  public ContractJsonLines(String defaultSource) {
    this.defaultSource = defaultSource;
  }

  /** Every line of {@code file}, in file order. */
  public List<Line> read(Path file) {
    List<Line> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      long line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        if (!text.isBlank()) {
          out.add(decode(file, line, text));
        }
      }
    } catch (CharacterCodingException e) {
      throw new ContractLineException(file, firstLineNotUtf8(file), "not UTF-8 text (a binary or compressed file?)");
    } catch (IOException e) {
      throw new ContractLineException(file, 0, "cannot read: " + e.getMessage());
    }
    return out;
  }

  /** One line of {@code file} (named in errors and in the default event id). */
  public Line decode(Path file, long line, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ContractLineException(file, line, "not valid JSON: " + e.getOriginalMessage());
    }
    return new ContractLineDecoder(file, line, defaultSource).line(node);
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
}

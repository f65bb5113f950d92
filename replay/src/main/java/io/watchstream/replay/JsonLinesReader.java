package io.watchstream.replay;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.schemas.ContractJsonLines;
import io.watchstream.schemas.ContractLineException;
import io.watchstream.schemas.SeriesKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads JSON lines of the topic contracts ({@link ContractJsonLines}: metric datapoints and log events, told apart
 * line by line, a datapoint without {@code source} comes from {@value #SOURCE}) into replay records, keyed as on the
 * {@code metrics} and {@code logs} topics and in event-time order (stable for equal times). A line that does not fit
 * fails with file, line and field; a file without records fails too, so that no file of a directory is passed over.
 */
public final class JsonLinesReader {

  static final String SOURCE = "replay";
  private static final ContractJsonLines CODEC = new ContractJsonLines(SOURCE);

  private JsonLinesReader() {}

  public static List<ReplayRecord> read(Path file) {
    List<ContractJsonLines.Line> lines;
    try {
      lines = CODEC.read(file);
    } catch (ContractLineException e) {
      throw new ReplayInputException(e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      // in a directory, an empty file would otherwise be skipped without a word
      throw ReplayInputException.at(file, 1, "no records (the file is empty or blank); expected one JSON object per line,"
          + " a metric datapoint (with metricName) or a log event (with logGroup)");
    }
    List<ReplayRecord> out = new ArrayList<>(lines.size());
    for (ContractJsonLines.Line line : lines) {
      out.add(record(line));
    }
    out.sort(Comparator.comparingLong(ReplayRecord::timestamp));
    return out;
  }

  private static ReplayRecord record(ContractJsonLines.Line line) {
    if (line instanceof ContractJsonLines.DatapointLine d) {
      MetricDatapoint datapoint = d.datapoint();
      return new ReplayRecord.Metric(SeriesKeys.of(datapoint), datapoint);
    }
    LogEvent e = ((ContractJsonLines.LogLine) line).event();
    return new ReplayRecord.Log(new LogStreamKey(e.getLogGroup(), e.getLogStream()), e);
  }
}

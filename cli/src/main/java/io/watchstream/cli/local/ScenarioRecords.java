package io.watchstream.cli.local;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.cli.local.Scenario.LogLine;
import io.watchstream.cli.local.Scenario.MetricSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The scenario in the topic contracts: what ingest would write to {@code metrics} and {@code logs} for it.
 * Each metric is ingested with the one statistic its example rule uses ({@link #STATISTICS}, the same as
 * {@code examples/ingest.yaml}); metrics no rule watches are left out. Used for the bundled data files that
 * local mode replays when there is no moto_server.
 */
public final class ScenarioRecords {

  /** Metric name to the statistic {@code examples/ingest.yaml} requests for it. */
  public static final Map<String, String> STATISTICS = Map.of(
      "CPUUtilization", "Average",
      "mem_used_percent", "Average",
      "disk_used_percent", "Maximum",
      "UnHealthyHostCount", "Maximum");

  private ScenarioRecords() {}

  /** Datapoints of minutes {@code from..to} (inclusive), in time order. */
  public static List<MetricDatapoint> datapoints(Scenario scenario, int from, int to) {
    List<MetricDatapoint> out = new ArrayList<>();
    for (int m = from; m <= to; m++) {
      for (MetricSample s : scenario.metrics(m, OptionalLong.empty())) {
        datapoint(s).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Log events of minutes {@code from..to} (inclusive), in time order. */
  public static List<LogEvent> logEvents(Scenario scenario, int from, int to) {
    List<LogEvent> out = new ArrayList<>();
    for (int m = from; m <= to; m++) {
      List<LogLine> lines = scenario.logs(m);
      for (int i = 0; i < lines.size(); i++) {
        LogLine l = lines.get(i);
        long ts = l.timestamp().toEpochMilli();
        out.add(LogEvent.newBuilder().setLogGroup(l.logGroup()).setLogStream(l.logStream())
            // Unique within the group and stable, like CloudWatch's ids (which are long digit strings).
            .setEventId(ts + String.format(java.util.Locale.ROOT, "%04d", i))
            .setTimestamp(l.timestamp()).setIngestionTime(l.timestamp().plusMillis(200))
            .setMessage(l.message()).build());
      }
    }
    return out;
  }

  static Optional<MetricDatapoint> datapoint(MetricSample s) {
    String statistic = STATISTICS.get(s.metricName());
    if (statistic == null) {
      return Optional.empty();
    }
    List<Dimension> dims = s.dimensions().entrySet().stream().map(e -> new Dimension(e.getKey(), e.getValue())).toList();
    return Optional.of(MetricDatapoint.newBuilder().setNamespace(s.namespace()).setMetricName(s.metricName())
        .setDimensions(dims).setTimestamp(s.timestamp()).setValue(s.value()).setUnit(s.unit())
        .setStatistic(statistic).setPeriodSeconds(60).setSource("sample").build());
  }
}

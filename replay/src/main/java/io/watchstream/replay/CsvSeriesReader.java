package io.watchstream.replay;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.replay.nab.MalformedSeriesException;
import io.watchstream.replay.nab.SeriesCsv;
import io.watchstream.schemas.SeriesKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a NAB-style CSV ({@code timestamp,value}, UTC timestamps, ascending) into metric datapoints of one
 * series named by {@link CsvSeriesMapping}. Parsing is the NAB module's {@link SeriesCsv}, so replay and
 * the NAB scorer read a file identically; its errors name file and line.
 */
public final class CsvSeriesReader {

  private CsvSeriesReader() {}

  public static List<ReplayRecord.Metric> read(Path file, CsvSeriesMapping mapping) {
    SeriesCsv.Series series;
    try {
      series = SeriesCsv.read(file);
    } catch (MalformedSeriesException e) {
      throw new ReplayInputException(e.getMessage(), e);
    }
    long[] ts = series.timestamps();
    int period = mapping.periodSeconds() > 0 ? mapping.periodSeconds() : inferPeriodSeconds(file, ts);
    String name = mapping.seriesName() != null ? mapping.seriesName() : seriesNameOf(file);
    List<Dimension> dims = List.of(new Dimension(mapping.dimensionName(), name));
    List<ReplayRecord.Metric> out = new ArrayList<>(ts.length);
    MetricDatapoint.Builder b = MetricDatapoint.newBuilder()
        .setNamespace(mapping.namespace()).setMetricName(mapping.metricName()).setDimensions(dims)
        .setStatistic(mapping.statistic()).setPeriodSeconds(period).setSource("replay");
    MetricDatapoint prototype = b.setTimestamp(Instant.EPOCH).setValue(0).build();
    var key = SeriesKeys.of(prototype);
    double[] values = series.values();
    for (int i = 0; i < ts.length; i++) {
      // the all-fields constructor, not the builder: the builder re-resolves every unset field's default per row
      out.add(new ReplayRecord.Metric(key, new MetricDatapoint(prototype.getNamespace(), prototype.getMetricName(), dims,
          Instant.ofEpochMilli(ts[i]), values[i], prototype.getUnit(), prototype.getStatistic(), period, prototype.getSource())));
    }
    return out;
  }

  /** The file name without its extension: {@code ec2_cpu_utilization_24ae8d.csv} -> {@code ec2_cpu_utilization_24ae8d}. */
  public static String seriesNameOf(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /**
   * The most common positive gap between consecutive timestamps, in whole seconds (at least 1; the smaller
   * gap on a tie); 60 for a single row. The mode, not the minimum: real exports (NAB's included) have the
   * odd short gap after an outage, which must not turn a 5-minute series into a 1-minute one. A gap too long for a
   * period ({@code int} seconds, about 68 years) is refused, not truncated.
   */
  static int inferPeriodSeconds(Path file, long[] ts) {
    java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
    for (int i = 1; i < ts.length; i++) {
      long gap = ts[i] - ts[i - 1];
      if (gap > 0) {
        counts.merge(gap, 1, Integer::sum);
      }
    }
    long best = -1;
    int bestCount = 0;
    for (var e : counts.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    if (best / 1000 > Integer.MAX_VALUE) {
      throw ReplayInputException.at(file, 0, "cannot infer the period: the most common gap between rows is "
          + best / 1000 + " s, longer than a period can be (" + Integer.MAX_VALUE + " s); give it with --csv-period SECONDS");
    }
    return best < 0 ? 60 : (int) Math.max(1, best / 1000);
  }
}

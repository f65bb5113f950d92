package io.watchstream.replay;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.SeriesKeys;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric series of a replay input, with their datapoints: what the report plots and what the
 * labelled windows are scored against. Series are kept in the order they first appear.
 */
public final class InputSeries {

  /** One series: its key, canonical name and datapoints (timestamps ascending as fed). */
  public static final class Series {
    private final MetricSeriesKey key;
    private final String canonical;
    private long[] timestamps = new long[64];
    private double[] values = new double[64];
    private int size;

    Series(MetricSeriesKey key) {
      this.key = key;
      this.canonical = SeriesKeys.canonical(key);
    }

    void add(long t, double v) {
      if (size == timestamps.length) {
        timestamps = Arrays.copyOf(timestamps, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      timestamps[size] = t;
      values[size] = v;
      size++;
    }

    public MetricSeriesKey key() {
      return key;
    }

    public String canonical() {
      return canonical;
    }

    public long[] timestamps() {
      return Arrays.copyOf(timestamps, size);
    }

    public double[] values() {
      return Arrays.copyOf(values, size);
    }

    public int size() {
      return size;
    }

    /** Names under which labelled windows may refer to this series: the canonical key, then each dimension value. */
    public List<String> labelNames() {
      List<String> names = new java.util.ArrayList<>();
      names.add(canonical);
      for (Dimension d : key.getDimensions()) {
        names.add(d.getValue());
      }
      return names;
    }
  }

  private final Map<String, Series> series = new LinkedHashMap<>();
  private long datapoints;

  public static InputSeries of(List<? extends ReplayRecord> records) {
    InputSeries s = new InputSeries();
    for (ReplayRecord r : records) {
      if (r instanceof ReplayRecord.Metric m) {
        s.series.computeIfAbsent(SeriesKeys.canonical(m.key()), k -> new Series(m.key()))
            .add(m.timestamp(), m.value().getValue());
        s.datapoints++;
      }
    }
    return s;
  }

  public List<Series> all() {
    return List.copyOf(series.values());
  }

  public Series get(String canonical) {
    return series.get(canonical);
  }

  public long datapoints() {
    return datapoints;
  }
}

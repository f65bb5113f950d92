package io.watchstream.processor.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.watchstream.processor.rules.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The datapoints of one series that fall into one period of a rule. Either a datapoint that already
 * carries the rule's period and statistic ({@link #direct}, final on arrival), or finer datapoints
 * aggregated into the rule's statistic: each finer datapoint counts as one sample (a finer SampleCount
 * or Sum series is summed). Mutable; lives inside {@link SeriesState} in a state store.
 */
public final class PeriodBucket {
  /** Percentiles keep their samples; beyond this many the extra ones are dropped (and noted). */
  static final int MAX_SAMPLES = 10_000;
  static final int MAX_LINEAGE = 16;

  public long start;
  public Double direct;
  public long count;
  public double sum;
  public double min = Double.POSITIVE_INFINITY;
  public double max = Double.NEGATIVE_INFINITY;
  public List<Double> samples;
  /** True once the value can no longer change the outcome: a direct datapoint, or a breach that more samples cannot undo. */
  public boolean decided;
  // most buckets hold one datapoint (a datapoint of the rule's own period): start small
  public List<Long> timestamps = new ArrayList<>(2);
  public List<InputPosition> inputs = new ArrayList<>(2);

  public PeriodBucket() {}

  PeriodBucket(long start) {
    this.start = start;
  }

  void addDirect(double value, long timestamp, InputPosition input) {
    direct = value;
    decided = true;
    timestamps.clear();
    inputs.clear();
    note(timestamp, input);
  }

  void addSample(double value, Statistic sourceStatistic, boolean keepSamples, long timestamp, InputPosition input) {
    double v = value;
    if ("SampleCount".equals(sourceStatistic.name())) {
      count += Math.round(value);
    } else {
      count++;
    }
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (keepSamples) {
      if (samples == null) {
        samples = new ArrayList<>();
      }
      if (samples.size() < MAX_SAMPLES) {
        samples.add(v);
      }
    }
    note(timestamp, input);
  }

  private void note(long timestamp, InputPosition input) {
    if (timestamps.size() < MAX_LINEAGE) {
      timestamps.add(timestamp);
      if (input != null) {
        inputs.add(input);
      }
    }
  }

  /** The period's value for the rule's statistic; null when no datapoint arrived. */
  @JsonIgnore
  public Double value(Statistic statistic) {
    if (direct != null) {
      return direct;
    }
    if (count == 0 && timestamps.isEmpty()) {
      return null;
    }
    return switch (statistic.name()) {
      case "Average" -> count == 0 ? null : sum / count;
      case "Sum" -> sum;
      case "Minimum" -> min;
      case "Maximum" -> max;
      case "SampleCount" -> (double) count;
      default -> percentile(statistic.percentile());
    };
  }

  private Double percentile(double p) {
    if (samples == null || samples.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    // nearest rank: the smallest value with at least p% of the samples at or below it
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}

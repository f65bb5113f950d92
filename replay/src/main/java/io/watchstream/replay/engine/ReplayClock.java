package io.watchstream.replay.engine;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.topology.RuleProcessors;
import io.watchstream.replay.ReplayRecord;
import java.util.Arrays;
import java.util.List;

/**
 * The input's one clock, computed once: the positions of each task's records, each record's offset on its topic, and the
 * positions where event time moves forward ({@code ticks}), with the time it moves to.
 */
record ReplayClock(int[][] recordsOf, int[] offsets, int[] tickPositions, long[] tickTimes) {

  static ReplayClock of(List<? extends ReplayRecord> input, int tasks, long horizon) {
    int n = input.size();
    byte[] taskOf = new byte[n];
    int[] offsets = new int[n];
    int[] tickPositions = new int[n + 1];
    long[] tickTimes = new long[n + 1];
    int ticks = 0;
    int metrics = 0;
    int logs = 0;
    long time = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      ReplayRecord r = input.get(i);
      int hash;
      if (r instanceof ReplayRecord.Metric m) {
        hash = seriesHash(m.key(), m.value());
        offsets[i] = metrics++;
      } else {
        ReplayRecord.Log l = (ReplayRecord.Log) r;
        hash = RuleProcessors.logGroupOf(l.key(), l.value()).hashCode();
        offsets[i] = logs++;
      }
      taskOf[i] = (byte) Math.floorMod(hash ^ (hash >>> 16), tasks);
      long ts = r.timestamp();
      if (ts > time) {
        time = ts;
        tickPositions[ticks] = i;
        tickTimes[ticks] = ts;
        ticks++;
      }
    }
    if (horizon > time) {
      // a time range ends later than its last record: the clock moves on to its end after the last record
      tickPositions[ticks] = n;
      tickTimes[ticks] = horizon;
      ticks++;
    }
    int[] counts = new int[tasks];
    for (byte t : taskOf) {
      counts[t]++;
    }
    int[][] recordsOf = new int[tasks][];
    for (int t = 0; t < tasks; t++) {
      recordsOf[t] = new int[counts[t]];
      counts[t] = 0;
    }
    for (int i = 0; i < n; i++) {
      recordsOf[taskOf[i]][counts[taskOf[i]]++] = i;
    }
    return new ReplayClock(recordsOf, offsets, Arrays.copyOf(tickPositions, ticks), Arrays.copyOf(tickTimes, ticks));
  }

  /** A cheap hash of the series a datapoint belongs to (any stable function works: it only spreads series over tasks). */
  private static int seriesHash(MetricSeriesKey key, MetricDatapoint value) {
    if (key == null) {
      return value == null ? 0 : value.getMetricName().hashCode();
    }
    int h = key.getNamespace().hashCode() * 31 + key.getMetricName().hashCode();
    for (Dimension d : key.getDimensions()) {
      h = h * 31 + d.getName().hashCode();
      h = h * 31 + d.getValue().hashCode();
    }
    return h * 31 + key.getPeriodSeconds();
  }
}

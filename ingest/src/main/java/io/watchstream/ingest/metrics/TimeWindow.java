package io.watchstream.ingest.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A half-open time range [start, end) of one GetMetricData call, with both ends on period boundaries. */
public record TimeWindow(Instant start, Instant end) {

  /**
   * GetMetricData returns at most 100,800 datapoints per call (and moto starts its buckets at the
   * request's StartTime), so a long catch-up or backfill is cut into aligned chunks that fit.
   */
  public static final int MAX_DATAPOINTS_PER_CALL = 100_800;

  public TimeWindow {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("empty window " + start + " .. " + end);
    }
  }

  /** The start of the period containing {@code t}: periods are aligned to the epoch, as CloudWatch aligns them. */
  public static Instant alignDown(Instant t, int periodSeconds) {
    long s = t.getEpochSecond();
    return Instant.ofEpochSecond(s - Math.floorMod(s, periodSeconds));
  }

  /**
   * Aligned chunks covering [start, end) where each call returns at most {@code MAX_DATAPOINTS_PER_CALL}
   * points for {@code queries} queries and spans at most {@code maxChunk}. Empty when start >= end after alignment.
   */
  public static List<TimeWindow> chunks(Instant start, Instant end, int periodSeconds, int queries, Duration maxChunk) {
    Instant s = alignDown(start, periodSeconds);
    Instant e = alignDown(end, periodSeconds);
    long byPoints = Math.max(1, MAX_DATAPOINTS_PER_CALL / Math.max(1, queries));
    long byDuration = Math.max(1, maxChunk.getSeconds() / periodSeconds);
    long step = Math.min(byPoints, byDuration) * periodSeconds;
    List<TimeWindow> out = new ArrayList<>();
    for (Instant t = s; t.isBefore(e); t = t.plusSeconds(step)) {
      Instant chunkEnd = t.plusSeconds(step);
      out.add(new TimeWindow(t, chunkEnd.isAfter(e) ? e : chunkEnd));
    }
    return out;
  }
}

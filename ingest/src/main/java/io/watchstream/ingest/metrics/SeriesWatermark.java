package io.watchstream.ingest.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where one series stands, persisted in the checkpoint topic.
 *
 * <ul>
 *   <li>{@code polledThrough}: every period before it has been read at least once.</li>
 *   <li>{@code floor}: datapoints before it are settled and ignored if read again; it trails
 *       {@code polledThrough} by the overlap, which therefore bounds how late data may arrive.</li>
 *   <li>{@code recent}: the value last emitted for every period at or after {@code floor}, so a re-read
 *       emits only periods that are new or whose value changed.</li>
 * </ul>
 *
 * Immutable: {@link #apply} returns the next state, which the caller adopts only after the emitted
 * datapoints and the new state have been committed together.
 */
public record SeriesWatermark(long floorMillis, long polledThroughMillis, NavigableMap<Long, Double> recent) {

  public SeriesWatermark {
    recent = Collections.unmodifiableNavigableMap(new TreeMap<>(recent));
  }

  /** A series seen for the first time: read back {@code lookback} from now. */
  public static SeriesWatermark initial(Instant now, Duration lookback, int periodSeconds) {
    long start = TimeWindow.alignDown(now.minus(lookback), periodSeconds).toEpochMilli();
    return new SeriesWatermark(start, start, new TreeMap<>());
  }

  /** Where the next poll must start for this series: the overlap before what was read, never before the floor. */
  public Instant nextStart(Duration overlap, int periodSeconds) {
    long start = TimeWindow.alignDown(Instant.ofEpochMilli(polledThroughMillis).minus(overlap), periodSeconds).toEpochMilli();
    return Instant.ofEpochMilli(Math.max(start, floorMillis));
  }

  /** A datapoint as read from CloudWatch: period start and value. */
  public record Point(long timestampMillis, double value) {}

  /** What to emit for a window, and the state to keep once it is committed. */
  public record Update(List<Point> emit, SeriesWatermark next) {
    public boolean changed(SeriesWatermark before) {
      return !emit.isEmpty() || !next.equals(before);
    }
  }

  /**
   * Folds in the points read for window [start, end): emits those at or after the floor that are new or
   * whose value differs from what was emitted, then moves polledThrough to {@code end} and the floor to
   * {@code end - overlap}, forgetting periods below it.
   */
  public Update apply(TimeWindow window, List<Point> points, Duration overlap, int periodSeconds) {
    TreeMap<Long, Double> merged = new TreeMap<>(recent);
    List<Point> emit = new ArrayList<>();
    long end = window.end().toEpochMilli();
    for (Point p : points) {
      long ts = p.timestampMillis();
      if (ts < floorMillis || ts >= end) {
        continue;
      }
      Double before = merged.get(ts);
      if (before == null || Double.compare(before, p.value()) != 0) {
        emit.add(p);
        merged.put(ts, p.value());
      }
    }
    long through = Math.max(polledThroughMillis, end);
    long floor = Math.max(floorMillis,
        TimeWindow.alignDown(Instant.ofEpochMilli(through).minus(overlap), periodSeconds).toEpochMilli());
    emit.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
    return new Update(emit, new SeriesWatermark(floor, through, merged.tailMap(floor, true)));
  }

  public Map<Long, Double> recentView() {
    return recent;
  }
}

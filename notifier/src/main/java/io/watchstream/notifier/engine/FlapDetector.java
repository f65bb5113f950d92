package io.watchstream.notifier.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts state flips per incident in a sliding window. More than {@code maxFlips} flips within
 * {@code window} means the incident is flapping; it counts as stable again once no flip happened for
 * {@code quietPeriod}. Time comes from the caller (event time of the transitions, or the engine's clock),
 * which keeps the detector deterministic in tests.
 */
public final class FlapDetector {

  private final int maxFlips;
  private final Duration window;
  private final Duration quietPeriod;
  private final Map<IncidentKey, Deque<Instant>> flips = new HashMap<>();

  public FlapDetector(int maxFlips, Duration window, Duration quietPeriod) {
    this.maxFlips = maxFlips;
    this.window = window;
    this.quietPeriod = quietPeriod;
  }

  /** Records a flip at {@code at} and answers whether the incident now flips too often. */
  public boolean recordFlip(IncidentKey incident, Instant at) {
    Deque<Instant> times = flips.computeIfAbsent(incident, k -> new ArrayDeque<>());
    times.addLast(at);
    Instant horizon = at.minus(window);
    while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
      times.removeFirst();
    }
    return times.size() > maxFlips;
  }

  /** True once the last flip lies at least the quiet period in the past. */
  public boolean isQuiet(IncidentKey incident, Instant now) {
    Deque<Instant> times = flips.get(incident);
    return times == null || times.isEmpty() || !times.peekLast().plus(quietPeriod).isAfter(now);
  }

  public Instant lastFlip(IncidentKey incident) {
    Deque<Instant> times = flips.get(incident);
    return times == null ? null : times.peekLast();
  }

  /** Drops incidents whose last flip is older than both the window and the quiet period. */
  public void prune(Instant now) {
    Duration keep = window.compareTo(quietPeriod) > 0 ? window : quietPeriod;
    flips.values().removeIf(times -> times.isEmpty() || times.peekLast().plus(keep).isBefore(now));
  }
}

package io.watchstream.notifier.engine;

import java.time.Duration;

/**
 * Noise-control knobs of the {@link IncidentEngine}.
 *
 * @param groupByRule    true: series of one rule firing together share one message; false: one message per series
 * @param groupWait      how long a new incident waits for more series of its rule before the first post
 * @param repeatInterval reminder cadence while anything in an incident is still in ALARM
 * @param flapMaxFlips   more flips than this within {@code flapWindow} holds the series as flapping
 * @param flapWindow     window for counting flips
 * @param flapQuiet      a flapping series is stable again after this long without a flip
 */
public record EngineSettings(boolean groupByRule, Duration groupWait, Duration repeatInterval,
    int flapMaxFlips, Duration flapWindow, Duration flapQuiet) {

  public static EngineSettings defaults() {
    return new EngineSettings(true, Duration.ofSeconds(10), Duration.ofHours(4), 4, Duration.ofMinutes(30),
        Duration.ofMinutes(30));
  }
}

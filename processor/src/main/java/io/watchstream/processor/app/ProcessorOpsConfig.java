package io.watchstream.processor.app;

import io.watchstream.processor.rules.Durations;
import java.time.Duration;
import java.util.Map;

/**
 * How the processor watches itself, loaded once at start-up; defaults here, {@code WATCHSTREAM_*} overrides in
 * {@link #withEnv(Map)}.
 *
 * @param stuckRecordAfter a stream thread inside one record's processing for longer than this is reported stuck
 *     (health DEGRADED, {@code watchstream_processor_stuck_threads}); a datapoint normally takes microseconds
 * @param replacedRecentlyFor how long a stream-thread replacement keeps health DEGRADED
 * @param firstReplaceBackoff wait before the first replacement of a failed stream thread; doubled for each
 *     replacement that follows within {@code replacedRecentlyFor}, up to {@code maxReplaceBackoff}
 * @param maxReplaceBackoff the longest wait before a replacement
 * @param brokerProbeInterval how often the broker is asked for its cluster id (the broker-reachability signal)
 */
public record ProcessorOpsConfig(
    Duration stuckRecordAfter,
    Duration replacedRecentlyFor,
    Duration firstReplaceBackoff,
    Duration maxReplaceBackoff,
    Duration brokerProbeInterval) {

  public static ProcessorOpsConfig defaults() {
    return new ProcessorOpsConfig(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(1),
        Duration.ofMinutes(1), Duration.ofSeconds(5));
  }

  /** Applies WATCHSTREAM_STUCK_RECORD_AFTER, _REPLACED_RECENTLY_FOR, _FIRST_REPLACE_BACKOFF, _MAX_REPLACE_BACKOFF, _BROKER_PROBE_INTERVAL. */
  public ProcessorOpsConfig withEnv(Map<String, String> env) {
    return new ProcessorOpsConfig(
        duration(env, "WATCHSTREAM_STUCK_RECORD_AFTER", stuckRecordAfter),
        duration(env, "WATCHSTREAM_REPLACED_RECENTLY_FOR", replacedRecentlyFor),
        duration(env, "WATCHSTREAM_FIRST_REPLACE_BACKOFF", firstReplaceBackoff),
        duration(env, "WATCHSTREAM_MAX_REPLACE_BACKOFF", maxReplaceBackoff),
        duration(env, "WATCHSTREAM_BROKER_PROBE_INTERVAL", brokerProbeInterval));
  }

  public ProcessorOpsConfig withStuckRecordAfter(Duration d) {
    return new ProcessorOpsConfig(d, replacedRecentlyFor, firstReplaceBackoff, maxReplaceBackoff, brokerProbeInterval);
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    return env.containsKey(name) ? Durations.parse(env.get(name)) : fallback;
  }
}

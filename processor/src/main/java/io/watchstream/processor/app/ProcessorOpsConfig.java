package io.watchstream.processor.app;

import java.time.Duration;

/**
 * The {@code ops} section of the processor's configuration: its HTTP endpoint and how it watches itself. An absent
 * key (null) takes the default given here.
 *
 * @param httpPort port of the ops endpoint ({@code /health}, {@code /metrics}, {@code /state}, {@code /rules});
 *     0 takes any free port, -1 disables it
 * @param stuckRecordAfter a stream thread inside one record's processing for longer than this is reported stuck
 *     (health DEGRADED, {@code watchstream_processor_stuck_threads}); a datapoint normally takes microseconds
 * @param replacedRecentlyFor how long a stream-thread replacement keeps health DEGRADED
 * @param firstReplaceBackoff wait before the first replacement of a failed stream thread; doubled for each
 *     replacement that follows within {@code replacedRecentlyFor}, up to {@code maxReplaceBackoff}
 * @param maxReplaceBackoff the longest wait before a replacement
 * @param brokerProbeInterval how often the broker is asked for its cluster id (the broker-reachability signal)
 * @param advertisedHost the host name or address other instances reach this one's ops endpoint at (Kafka Streams'
 *     {@code application.server}, with the ops port), so any instance's {@code /state} answers for all; empty: this
 *     machine's host name
 * @param peerTimeout how long {@code /state} and {@code /rules} wait for another instance's part
 * @param httpHost the address the ops endpoint listens on: every interface by default (a container's port must be
 *     reachable from outside it); local mode listens on loopback only
 */
public record ProcessorOpsConfig(
    Integer httpPort,
    Duration stuckRecordAfter,
    Duration replacedRecentlyFor,
    Duration firstReplaceBackoff,
    Duration maxReplaceBackoff,
    Duration brokerProbeInterval,
    String advertisedHost,
    Duration peerTimeout,
    String httpHost) {

  public ProcessorOpsConfig {
    httpPort = httpPort == null ? 8082 : httpPort;
    stuckRecordAfter = stuckRecordAfter == null ? Duration.ofSeconds(30) : stuckRecordAfter;
    replacedRecentlyFor = replacedRecentlyFor == null ? Duration.ofMinutes(10) : replacedRecentlyFor;
    firstReplaceBackoff = firstReplaceBackoff == null ? Duration.ofSeconds(1) : firstReplaceBackoff;
    maxReplaceBackoff = maxReplaceBackoff == null ? Duration.ofMinutes(1) : maxReplaceBackoff;
    brokerProbeInterval = brokerProbeInterval == null ? Duration.ofSeconds(5) : brokerProbeInterval;
    advertisedHost = advertisedHost == null ? "" : advertisedHost.strip();
    peerTimeout = peerTimeout == null ? Duration.ofSeconds(5) : peerTimeout;
    httpHost = httpHost == null || httpHost.isBlank() ? "0.0.0.0" : httpHost.strip();
  }

  public static ProcessorOpsConfig defaults() {
    return new ProcessorOpsConfig(null, null, null, null, null, null, null, null, null);
  }

  /** The defaults on another HTTP port (0: any free port, -1: none), as tests and local mode run. */
  public static ProcessorOpsConfig onPort(int httpPort) {
    return new ProcessorOpsConfig(httpPort, null, null, null, null, null, null, null, null);
  }

  /** On loopback only, advertised as {@code 127.0.0.1} (local mode: one machine, nothing reachable from outside). */
  public static ProcessorOpsConfig onLoopback(int httpPort) {
    return new ProcessorOpsConfig(httpPort, null, null, null, null, null, "127.0.0.1", null, "127.0.0.1");
  }
}

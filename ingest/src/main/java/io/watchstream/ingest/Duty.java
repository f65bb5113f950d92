package io.watchstream.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.watchstream.ingest.kafka.KafkaIngestSink.FatalSinkException;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.ingest.retry.CycleBackoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled duty of the ingest loop (refresh, metrics, logs) with its own backoff: a failure reschedules it
 * sooner than its interval, never later, and is remembered for {@code /health} until the next success.
 * Written by the loop thread, read by the HTTP thread, hence volatile.
 */
final class Duty {

  private static final Logger log = LoggerFactory.getLogger(Duty.class);

  final String name;
  private final Clock clock;
  private final CycleBackoff backoff = new CycleBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));
  private volatile Instant nextDue;
  private volatile String lastError;

  Duty(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  /** Null until it has run once. */
  Instant nextDue() {
    return nextDue;
  }

  boolean due(Instant now) {
    return nextDue == null || !now.isBefore(nextDue);
  }

  /**
   * Runs {@code work} when due: a success schedules the next run after {@code interval}, a failure sooner, after the
   * backoff. A {@link FatalSinkException} (fenced by another instance) is not a failed cycle: it ends the loop.
   */
  void runIfDue(Instant now, Runnable work, Duration interval, IngestMetrics meters) {
    if (!due(now)) {
      return;
    }
    try {
      work.run();
      succeeded(interval);
      meters.cycle(name, true);
    } catch (FatalSinkException e) {
      throw e;
    } catch (RuntimeException e) {
      meters.cycle(name, false);
      failed(e);
    }
  }

  /** The earliest of the instants given, ignoring nulls; null when all are. */
  static Instant earliest(Instant... candidates) {
    Instant best = null;
    for (Instant c : candidates) {
      if (c != null && (best == null || c.isBefore(best))) {
        best = c;
      }
    }
    return best;
  }

  void succeeded(Duration interval) {
    backoff.onSuccess();
    nextDue = clock.instant().plus(interval);
  }

  Duration failed(RuntimeException e) {
    Duration wait = backoff.onFailure();
    nextDue = clock.instant().plus(wait);
    lastError = describe(e);
    log.warn("{} cycle failed (attempt {}), retrying in {} ms: {}", name, backoff.consecutiveFailures(), wait.toMillis(), e.toString());
    return wait;
  }

  /** The failing streak as a gauge, so a duty stuck retrying can be alerted on. */
  void register(MeterRegistry registry) {
    Gauge.builder("watchstream.ingest.cycle.consecutive.failures", this, Duty::consecutiveFailures)
        .description("Failed cycles in a row (0 = healthy): the duty is waiting for AWS or Kafka and retrying")
        .tag("kind", name).register(registry);
  }

  int consecutiveFailures() {
    return backoff.consecutiveFailures();
  }

  /** Null while healthy; otherwise what it waits for, for /health. */
  String reason() {
    int failures = backoff.consecutiveFailures();
    String error = lastError;
    return failures == 0 || error == null ? null
        : name + " cycle failed " + failures + " time(s) in a row, retrying: " + error;
  }

  /** The error and its first cause, cut short: AWS and Kafka messages may be long, and /health is one line. */
  private static String describe(Throwable e) {
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      text += " (" + cause.getClass().getSimpleName() + ")";
    }
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}

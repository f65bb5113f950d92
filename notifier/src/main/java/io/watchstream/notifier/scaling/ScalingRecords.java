package io.watchstream.notifier.scaling;

import java.time.Instant;

/** Scaling bookkeeping kept in the notifier-state topic. */
public final class ScalingRecords {

  private ScalingRecords() {
  }

  /** What was decided for one command (key {@code scaling|<idempotency key>}). */
  public record Decision(String idempotencyKey, String group, Outcome outcome, Integer from, Integer to,
      String detail, Instant at) {
  }

  public enum Outcome { EXECUTED, DRY_RUN, REFUSED, FAILED }

  /** A change waiting for its warm-up check. */
  public record InFlight(String idempotencyKey, String ruleId, String seriesKey, int from, int to,
      Double metricBefore, Instant startedAt, Instant checkAt) {
  }

  /** Per Auto Scaling group (key {@code asg|<group>}): cooldown clock and the change in flight, if any. */
  public record GroupRecord(Instant lastChangeAt, InFlight inFlight) {
  }
}

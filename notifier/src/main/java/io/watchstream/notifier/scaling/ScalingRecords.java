package io.watchstream.notifier.scaling;

import java.time.Instant;

/** Scaling bookkeeping kept in the notifier-state topic. */
public final class ScalingRecords {

  private ScalingRecords() {
  }

  /**
   * What was decided for one command (key {@code scaling|<idempotency key>}). {@code reason} is set for REFUSED and
   * FAILED (null in records written before it existed); {@code detail} says the same for people.
   */
  public record Decision(String idempotencyKey, String group, Outcome outcome, Reason reason, Integer from, Integer to,
      String detail, Instant at) {
  }

  public enum Outcome { EXECUTED, DRY_RUN, REFUSED, FAILED }

  /** Why a command was refused or failed: a fixed set, so it can be a metric tag. */
  public enum Reason {
    SCALING_DISABLED, NOT_ALLOWLISTED, IN_FLIGHT, COOLDOWN, GROUP_NOT_FOUND, POLICY_NOT_FOUND, UNSUPPORTED_POLICY,
    NO_CHANGE, AWS_UNAVAILABLE, AWS_CALL_FAILED
  }

  /** A change waiting for its warm-up check. */
  public record InFlight(String idempotencyKey, String ruleId, String seriesKey, int from, int to,
      Double metricBefore, Instant startedAt, Instant checkAt) {
  }

  /** Per Auto Scaling group (key {@code asg|<group>}): cooldown clock and the change in flight, if any. */
  public record GroupRecord(Instant lastChangeAt, InFlight inFlight) {
  }
}

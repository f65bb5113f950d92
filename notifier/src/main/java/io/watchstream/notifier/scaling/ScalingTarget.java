package io.watchstream.notifier.scaling;

import io.watchstream.avro.ScalingCommand;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

/**
 * The capacity a scaling command asks for, computed before anything is called so it can be clamped into the
 * allowlist's bounds: a capacity change or a desired capacity directly, a simple scaling policy from its adjustment.
 */
final class ScalingTarget {

  private ScalingTarget() {
  }

  /** The capacity {@code cmd} asks for at {@code desired}, or null when it cannot be computed up front. */
  static Integer of(ScalingCommand cmd, int desired, ScalingPolicy awsPolicy) {
    return switch (cmd.getAction()) {
      case CHANGE_CAPACITY -> desired + (cmd.getAmount() == null ? 0 : cmd.getAmount());
      case SET_DESIRED -> cmd.getAmount() == null ? desired : cmd.getAmount();
      case EXECUTE_POLICY -> {
        if (awsPolicy.scalingAdjustment() == null || awsPolicy.adjustmentType() == null) {
          yield null;
        }
        int adj = awsPolicy.scalingAdjustment();
        yield switch (awsPolicy.adjustmentType()) {
          case "ChangeInCapacity" -> desired + adj;
          case "ExactCapacity" -> adj;
          case "PercentChangeInCapacity" -> desired + (int) Math.signum(adj) * Math.max(1, Math.abs(desired * adj) / 100);
          default -> null;
        };
      }
    };
  }
}

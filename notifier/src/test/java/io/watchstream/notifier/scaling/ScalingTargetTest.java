package io.watchstream.notifier.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

class ScalingTargetTest {

  private static ScalingCommand cmd(ScalingAction action, Integer amount) {
    return ScalingCommand.newBuilder().setIdempotencyKey("k").setAutoScalingGroup("web").setAction(action)
        .setAmount(amount).setPolicyName("p").setReason("r").setRuleId("cpu-high").setRuleVersion(1)
        .setSeriesKey("AWS/EC2/CPUUtilization{AutoScalingGroupName=web}/Average/60")
        .setTriggerTime(Instant.EPOCH).setDryRun(false).build();
  }

  private static ScalingPolicy policy(String type, Integer adjustment) {
    return ScalingPolicy.builder().policyName("p").policyType("SimpleScaling").adjustmentType(type)
        .scalingAdjustment(adjustment).build();
  }

  @Test
  void targetsFollowTheAction() {
    assertThat(ScalingTarget.of(cmd(ScalingAction.CHANGE_CAPACITY, 2), 3, null)).isEqualTo(5);
    assertThat(ScalingTarget.of(cmd(ScalingAction.CHANGE_CAPACITY, -1), 3, null)).isEqualTo(2);
    assertThat(ScalingTarget.of(cmd(ScalingAction.SET_DESIRED, 7), 3, null)).isEqualTo(7);
  }

  @Test
  void policyTargetsAreComputedSoTheyCanBeBoundChecked() {
    assertThat(ScalingTarget.of(cmd(ScalingAction.EXECUTE_POLICY, null), 4, policy("ChangeInCapacity", 2))).isEqualTo(6);
    assertThat(ScalingTarget.of(cmd(ScalingAction.EXECUTE_POLICY, null), 4, policy("ExactCapacity", 9))).isEqualTo(9);
    assertThat(ScalingTarget.of(cmd(ScalingAction.EXECUTE_POLICY, null), 10, policy("PercentChangeInCapacity", 50))).isEqualTo(15);
    assertThat(ScalingTarget.of(cmd(ScalingAction.EXECUTE_POLICY, null), 2, policy("PercentChangeInCapacity", 10))).isEqualTo(3);
    // step and target-tracking policies carry no single adjustment: refused rather than guessed
    assertThat(ScalingTarget.of(cmd(ScalingAction.EXECUTE_POLICY, null), 4, policy(null, null))).isNull();
  }
}

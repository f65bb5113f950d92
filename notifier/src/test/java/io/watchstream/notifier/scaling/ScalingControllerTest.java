package io.watchstream.notifier.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

class ScalingControllerTest {

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
    assertThat(ScalingController.target(cmd(ScalingAction.CHANGE_CAPACITY, 2), 3, null)).isEqualTo(5);
    assertThat(ScalingController.target(cmd(ScalingAction.CHANGE_CAPACITY, -1), 3, null)).isEqualTo(2);
    assertThat(ScalingController.target(cmd(ScalingAction.SET_DESIRED, 7), 3, null)).isEqualTo(7);
  }

  @Test
  void policyTargetsAreComputedSoTheyCanBeBoundChecked() {
    assertThat(ScalingController.target(cmd(ScalingAction.EXECUTE_POLICY, null), 4, policy("ChangeInCapacity", 2))).isEqualTo(6);
    assertThat(ScalingController.target(cmd(ScalingAction.EXECUTE_POLICY, null), 4, policy("ExactCapacity", 9))).isEqualTo(9);
    assertThat(ScalingController.target(cmd(ScalingAction.EXECUTE_POLICY, null), 10, policy("PercentChangeInCapacity", 50))).isEqualTo(15);
    assertThat(ScalingController.target(cmd(ScalingAction.EXECUTE_POLICY, null), 2, policy("PercentChangeInCapacity", 10))).isEqualTo(3);
    // step and target-tracking policies carry no single adjustment: refused rather than guessed
    assertThat(ScalingController.target(cmd(ScalingAction.EXECUTE_POLICY, null), 4, policy(null, null))).isNull();
  }

  @Test
  void outcomeSaysWhetherScalingHelped() {
    var inFlight = new ScalingRecords.InFlight("k", "cpu-high", "AWS/EC2/CPUUtilization{AutoScalingGroupName=web}/Average/60",
        2, 3, 92.0, Instant.EPOCH, Instant.EPOCH);
    assertThat(ScalingController.outcomeText("web", inFlight, OptionalDouble.of(41.0), AlarmState.OK))
        .isEqualTo("Scaled `web` 2 → 3: CPUUtilization fell from 92 to 41, alert `cpu-high` is OK — it helped.");
    assertThat(ScalingController.outcomeText("web", inFlight, OptionalDouble.of(95.5), AlarmState.ALARM))
        .isEqualTo("Scaled `web` 2 → 3: CPUUtilization rose from 92 to 95.5, alert `cpu-high` is ALARM — it did not help.");
    assertThat(ScalingController.outcomeText("web", inFlight, OptionalDouble.empty(), null))
        .isEqualTo("Scaled `web` 2 → 3: CPUUtilization value unknown — it did not help.");
  }
}

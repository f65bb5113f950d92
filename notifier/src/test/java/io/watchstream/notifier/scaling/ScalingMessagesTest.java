package io.watchstream.notifier.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScalingMessagesTest {

  @Test
  void outcomeSaysWhetherScalingHelped() {
    var inFlight = new ScalingRecords.InFlight("k", "cpu-high", "AWS/EC2/CPUUtilization{AutoScalingGroupName=web}/Average/60",
        2, 3, 92.0, Instant.EPOCH, Instant.EPOCH);
    assertThat(ScalingMessages.outcome("web", inFlight, OptionalDouble.of(41.0), AlarmState.OK))
        .isEqualTo("Scaled `web` 2 → 3: CPUUtilization fell from 92 to 41, alert `cpu-high` is OK — it helped.");
    assertThat(ScalingMessages.outcome("web", inFlight, OptionalDouble.of(95.5), AlarmState.ALARM))
        .isEqualTo("Scaled `web` 2 → 3: CPUUtilization rose from 92 to 95.5, alert `cpu-high` is ALARM — it did not help.");
    assertThat(ScalingMessages.outcome("web", inFlight, OptionalDouble.empty(), null))
        .isEqualTo("Scaled `web` 2 → 3: CPUUtilization value unknown — it did not help.");
  }
}

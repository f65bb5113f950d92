package io.watchstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.RuleVersions;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {

  @Test
  void alertIdIsTheLeadingHalfOfTheContentHashOfTheDecision() {
    // alert ids are idempotency keys downstream: they must not change between releases
    String id = AlertFactory.alertId("cpu-high", 3, "AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60", AlarmState.ALARM,
        1_764_064_800_000L, false);
    assertThat(id).isEqualTo(RuleVersions.contentHash(
        "cpu-high\n3\nAWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60\nALARM\n1764064800000").substring(0, 32));
    String reminder = AlertFactory.alertId("cpu-high", 3, "s", AlarmState.ALARM, 5L, true);
    assertThat(reminder).isEqualTo(RuleVersions.contentHash("cpu-high\n3\ns\nALARM\n5\nreminder").substring(0, 32));
    assertThat(AlertFactory.alertId("cpu-high", 3, "s", AlarmState.ALARM, 5L, true)).isEqualTo(reminder);
  }
}

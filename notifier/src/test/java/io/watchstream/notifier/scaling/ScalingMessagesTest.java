package io.watchstream.notifier.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.notifier.slack.HostileText;
import io.watchstream.notifier.slack.SlackReader;
import java.time.Instant;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  private static ScalingCommand command(String untrusted) {
    return ScalingCommand.newBuilder().setIdempotencyKey("k").setAutoScalingGroup(untrusted)
        .setAction(ScalingAction.CHANGE_CAPACITY).setAmount(1).setReason("alarm: " + untrusted).setRuleId("cpu-high")
        .setRuleVersion(1).setSeriesKey("AWS/EC2/" + untrusted + "{AutoScalingGroupName=web}/Average/60")
        .setTriggerTime(Instant.EPOCH).setDryRun(false).build();
  }

  private static String decision(String untrusted, ScalingRecords.Outcome outcome) {
    var d = new ScalingRecords.Decision("k", untrusted, outcome, ScalingRecords.Reason.AWS_CALL_FAILED, 2, 3,
        "AWS said: " + untrusted, Instant.EPOCH);
    return ScalingMessages.decision(command(untrusted), d);
  }

  private static String outcome(String untrusted) {
    var inFlight = new ScalingRecords.InFlight("k", untrusted, "AWS/EC2/" + untrusted + "{AutoScalingGroupName=web}/Average/60",
        2, 3, 92.0, Instant.EPOCH, Instant.EPOCH);
    return ScalingMessages.outcome(untrusted, inFlight, OptionalDouble.of(41.0), AlarmState.OK);
  }

  @Provide
  Arbitrary<String> hostile() {
    return HostileText.strings();
  }

  @Property(tries = 200)
  void hostileTextAddsNothingSlackInterpretsToScalingMessages(@ForAll("hostile") String hostile,
      @ForAll ScalingRecords.Outcome outcome) {
    assertThat(SlackReader.read(decision(hostile, outcome))).as(HostileText.show(hostile))
        .isEqualTo(SlackReader.read(decision("web", outcome)));
    assertThat(SlackReader.read(outcome(hostile))).as(HostileText.show(hostile))
        .isEqualTo(SlackReader.read(outcome("web")));
  }
}

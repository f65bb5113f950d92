package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Lineage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFormatTest {

  private static AlertTransition alert(AlarmState to, String reason) {
    return AlertTransition.newBuilder().setAlertId("a1").setRuleId("cpu-surge").setRuleVersion(1).setRuleKind("threshold")
        .setSeverity("critical").setLabels(Map.of()).setSeriesKey("AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60")
        .setDimensions(List.of()).setFromState(AlarmState.OK).setToState(to)
        .setTransitionTime(Instant.parse("2026-11-25T14:03:00Z")).setWindowStart(Instant.parse("2026-11-25T14:02:00Z"))
        .setWindowEnd(Instant.parse("2026-11-25T14:04:00Z")).setObservedValues(List.of(91.0, 95.0))
        .setComparison(">").setThreshold(80.0).setExpected(null).setLowerBound(null).setUpperBound(null)
        .setReason(reason).setReminder(false).setNotifyChannels(List.of("ops"))
        .setLineage(new Lineage(List.of(), List.of())).build();
  }

  @Test
  void plainLineWithoutATerminal() {
    assertThat(AlertFormat.line(alert(AlarmState.ALARM, "2 of 2 above 80"), new Ansi(false)))
        .isEqualTo("14:03:00 ALARM  critical cpu-surge  AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60  2 of 2 above 80");
  }

  @Test
  void stateIsColouredOnATerminal() {
    assertThat(AlertFormat.line(alert(AlarmState.ALARM, "r"), new Ansi(true))).contains("\u001b[31;1mALARM ");
    assertThat(AlertFormat.line(alert(AlarmState.OK, "r"), new Ansi(true))).contains("\u001b[32mOK    ");
  }

  @Test
  void controlCharactersFromLogLinesCannotDriveTheTerminal() {
    String line = AlertFormat.line(alert(AlarmState.ALARM, "evil\u001b[2J\rline\nnext"), new Ansi(false));
    assertThat(line).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\n").endsWith("evil [2J line next");
  }
}

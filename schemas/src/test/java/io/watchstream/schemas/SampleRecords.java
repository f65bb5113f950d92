package io.watchstream.schemas;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.InputRef;
import io.watchstream.avro.Lineage;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One realistic instance of every record type, for round-trip tests. */
final class SampleRecords {
  static final Instant T0 = Instant.parse("2026-11-25T10:15:00Z");

  private SampleRecords() {}

  static MetricDatapoint cpuDatapoint() {
    return MetricDatapoint.newBuilder()
        .setNamespace("AWS/EC2").setMetricName("CPUUtilization")
        .setDimensions(List.of(new Dimension("InstanceId", "i-0abc123")))
        .setTimestamp(T0).setValue(93.5).setUnit("Percent").setStatistic("Average")
        .setPeriodSeconds(60).setSource("cloudwatch").build();
  }

  static MetricSeriesKey cpuKey() {
    return SeriesKeys.of(cpuDatapoint());
  }

  static LogStreamKey logKey() {
    return new LogStreamKey("/var/log/secure", "i-0abc123");
  }

  static LogEvent logEvent() {
    return LogEvent.newBuilder().setLogGroup("/var/log/secure").setLogStream("i-0abc123")
        .setEventId("37981390812981230981").setTimestamp(T0).setIngestionTime(T0.plusMillis(850))
        .setMessage("Failed password for root from 203.0.113.9 port 52144 ssh2 <!channel> & more").build();
  }

  static AlertKey alertKey() {
    return new AlertKey("cpu-high", SeriesKeys.canonical(cpuKey()));
  }

  static AlertTransition alert() {
    return AlertTransition.newBuilder()
        .setAlertId("a1b2c3").setRuleId("cpu-high").setRuleVersion(3).setRuleKind("threshold")
        .setSeverity("critical").setLabels(Map.of("team", "web", "env", "prod"))
        .setSeriesKey(SeriesKeys.canonical(cpuKey()))
        .setDimensions(List.of(new Dimension("InstanceId", "i-0abc123")))
        .setFromState(AlarmState.OK).setToState(AlarmState.ALARM)
        .setTransitionTime(T0.plusSeconds(180)).setWindowStart(T0).setWindowEnd(T0.plusSeconds(180))
        .setObservedValues(Arrays.asList(91.2, null, 97.1))
        .setComparison(">").setThreshold(50.0).setExpected(null).setLowerBound(null).setUpperBound(null)
        .setReason("Threshold Crossed: 2 out of the last 3 datapoints were greater than the threshold (50.0).")
        .setReminder(false).setNotifyChannels(List.of("#ops"))
        .setLineage(new Lineage(List.of(T0.toEpochMilli(), T0.plusSeconds(120).toEpochMilli()),
            List.of(new InputRef("metrics", 0, 41L), new InputRef("metrics", 0, 57L))))
        .build();
  }

  static ScalingCommandKey scalingKey() {
    return new ScalingCommandKey("web-asg");
  }

  static ScalingCommand scalingCommand() {
    return ScalingCommand.newBuilder().setIdempotencyKey("cpu-high|i-0abc123|ALARM|1764065700000")
        .setAutoScalingGroup("web-asg").setAction(ScalingAction.CHANGE_CAPACITY).setAmount(1).setPolicyName(null)
        .setReason("CPU above 50").setRuleId("cpu-high").setRuleVersion(3)
        .setSeriesKey(SeriesKeys.canonical(cpuKey())).setTriggerTime(T0).setDryRun(true).build();
  }

  static AnomalyScore anomalyScore() {
    return AnomalyScore.newBuilder().setRuleId("cpu-anomaly").setSeriesKey(SeriesKeys.canonical(cpuKey()))
        .setTimestamp(T0).setValue(40.0).setScore(0.97).setExpected(3.0).setLower(1.0).setUpper(6.5)
        .setModel("robust").build();
  }

  static RuleRecord ruleRecord() {
    return RuleRecord.newBuilder().setRuleId("cpu-high").setVersion(3).setKind("threshold")
        .setDefinitionJson("{\"id\":\"cpu-high\",\"kind\":\"threshold\"}").setSource("rules.yaml:4")
        .setPublishedAt(T0).build();
  }
}

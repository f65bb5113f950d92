package io.watchstream.notifier.engine;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.InputRef;
import io.watchstream.avro.Lineage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data builder for {@link Alert}: a CPU threshold alert on one instance unless told otherwise. */
public final class AlertBuilder {

  private String ruleId = "cpu-high";
  private int ruleVersion = 3;
  private String ruleKind = "threshold";
  private String severity = "critical";
  private final Map<String, String> labels = new LinkedHashMap<>(Map.of("team", "web"));
  private String instance = "i-0abc";
  private String group = "web-asg";
  private AlarmState from = AlarmState.OK;
  private AlarmState to = AlarmState.ALARM;
  private Instant at = Instant.parse("2026-11-25T14:00:00Z");
  private List<Double> values = new ArrayList<>(List.of(91.2, 95.0, 97.1));
  private Double threshold = 80.0;
  private Double lower;
  private Double upper;
  private Double expected;
  private String reason = "Threshold Crossed: 3 out of the last 3 datapoints [91.2, 95.0, 97.1] were greater than the threshold (80.0).";
  private boolean reminder;
  private List<String> notifyChannels = List.of();
  private Map<String, String> dimensions;

  public static AlertBuilder alarm() {
    return new AlertBuilder();
  }

  public static AlertBuilder ok() {
    return new AlertBuilder().from(AlarmState.ALARM).to(AlarmState.OK).values(40.0, 41.0, 41.2)
        .reason("Threshold Crossed: no datapoints were greater than the threshold (80.0).");
  }

  public AlertBuilder rule(String v) { ruleId = v; return this; }
  public AlertBuilder version(int v) { ruleVersion = v; return this; }
  public AlertBuilder kind(String v) { ruleKind = v; return this; }
  public AlertBuilder severity(String v) { severity = v; return this; }
  public AlertBuilder label(String k, String v) { labels.put(k, v); return this; }
  public AlertBuilder instance(String v) { instance = v; return this; }
  public AlertBuilder group(String v) { group = v; return this; }
  public AlertBuilder dimensions(Map<String, String> v) { dimensions = v; return this; }
  public AlertBuilder from(AlarmState v) { from = v; return this; }
  public AlertBuilder to(AlarmState v) { to = v; return this; }
  public AlertBuilder at(Instant v) { at = v; return this; }
  public AlertBuilder at(String v) { at = Instant.parse(v); return this; }
  public AlertBuilder values(Double... v) { values = new ArrayList<>(java.util.Arrays.asList(v)); return this; }
  public AlertBuilder threshold(Double v) { threshold = v; return this; }
  public AlertBuilder band(double lo, double hi, double exp) { lower = lo; upper = hi; expected = exp; threshold = null; return this; }
  public AlertBuilder reason(String v) { reason = v; return this; }
  public AlertBuilder reminder() { reminder = true; from = to; return this; }
  public AlertBuilder channels(String... v) { notifyChannels = List.of(v); return this; }

  public Alert build() {
    Map<String, String> dims = dimensions;
    if (dims == null) {
      dims = new LinkedHashMap<>();
      if (group != null) {
        dims.put("AutoScalingGroupName", group);
      }
      if (instance != null) {
        dims.put("InstanceId", instance);
      }
    }
    String seriesKey = "AWS/EC2/CPUUtilization{" + String.join(",", dims.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList()) + "}/Average/60";
    String alertId = ruleId + "/" + ruleVersion + "/" + seriesKey + "/" + to + "/" + at.toEpochMilli() + (reminder ? "/r" : "");
    return new Alert(alertId, ruleId, ruleVersion, ruleKind, severity, labels, seriesKey, dims, from, to, at, values,
        threshold == null ? null : ">", threshold, expected, lower, upper, reason, reminder, notifyChannels);
  }

  /** The Avro record on the alerts topic that {@code a} is the notifier's view of. */
  public static AlertTransition toAvro(Alert a) {
    List<Dimension> dims = a.dimensions().entrySet().stream().map(e -> new Dimension(e.getKey(), e.getValue())).toList();
    return AlertTransition.newBuilder()
        .setAlertId(a.alertId()).setRuleId(a.ruleId()).setRuleVersion(a.ruleVersion()).setRuleKind(a.ruleKind())
        .setSeverity(a.severity()).setLabels(a.labels()).setSeriesKey(a.seriesKey()).setDimensions(dims)
        .setFromState(a.fromState()).setToState(a.toState()).setTransitionTime(a.transitionTime())
        .setWindowStart(a.transitionTime().minusSeconds(180)).setWindowEnd(a.transitionTime())
        .setObservedValues(a.observedValues()).setComparison(a.comparison()).setThreshold(a.threshold())
        .setExpected(a.expected()).setLowerBound(a.lowerBound()).setUpperBound(a.upperBound())
        .setReason(a.reason()).setReminder(a.reminder()).setNotifyChannels(a.notifyChannels())
        .setLineage(new Lineage(List.of(a.transitionTime().toEpochMilli()), List.<InputRef>of()))
        .build();
  }
}

package io.watchstream.processor.topology;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.InputRef;
import io.watchstream.avro.Lineage;
import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.rules.LogFlatlineRule;
import io.watchstream.processor.rules.LogFrequencyRule;
import io.watchstream.processor.rules.Rule;
import io.watchstream.processor.rules.ScalingSpec;
import io.watchstream.processor.rules.ThresholdRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns an evaluator's {@link Emission} into the alert record and, for scaling rules, the scaling command. */
final class AlertFactory {

  /** Deterministic id: the same decision replayed or re-processed after a crash gets the same id. */
  static String alertId(String ruleId, int version, String seriesKey, AlarmState to, long windowEnd, boolean reminder) {
    // the first 32 hex digits of SHA-256 over these lines (as RuleVersions.contentHash would give them), with
    // one digest per thread instead of a provider lookup per alert: this runs for every transition
    MessageDigest sha = SHA256.get();
    sha.reset();
    byte[] d = sha.digest((ruleId + "\n" + version + "\n" + seriesKey + "\n" + to + "\n" + windowEnd
        + (reminder ? "\nreminder" : "")).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 16);
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  static List<Output> outputs(Rule rule, int version, String seriesKey, Map<String, String> dimensions, Emission e) {
    return outputs(rule, version, seriesKey, dimensions, e, null, null, null);
  }

  /** With the anomaly band (expected value and edges) of the datapoint that decided it. */
  static List<Output> outputs(Rule rule, int version, String seriesKey, Map<String, String> dimensions, Emission e,
      Double expected, Double lower, Double upper) {
    List<Output> out = new ArrayList<>(2);
    String id = alertId(rule.id(), version, seriesKey, e.to(), e.windowEnd(), e.reminder());
    List<Dimension> dims = new ArrayList<>();
    dimensions.forEach((k, v) -> dims.add(new Dimension(k, v)));
    List<InputRef> refs = e.inputs().stream()
        .map((InputPosition p) -> new InputRef(p.topic(), p.partition(), p.offset()))
        .toList();
    Double threshold = null;
    String comparison = null;
    if (rule instanceof ThresholdRule t) {
      threshold = t.threshold();
      comparison = t.comparison().symbol();
    } else if (rule instanceof LogFrequencyRule f) {
      threshold = (double) f.threshold();
      comparison = ">=";
    } else if (rule instanceof LogFlatlineRule f) {
      threshold = (double) f.threshold();
      comparison = "<";
    }
    AlertTransition value = AlertTransition.newBuilder()
        .setAlertId(id)
        .setRuleId(rule.id())
        .setRuleVersion(version)
        .setRuleKind(rule.kind())
        .setSeverity(rule.severity().wireName())
        .setLabels(rule.labels())
        .setSeriesKey(seriesKey)
        .setDimensions(dims)
        .setFromState(e.from())
        .setToState(e.to())
        .setTransitionTime(Instant.ofEpochMilli(e.transitionTime()))
        .setWindowStart(Instant.ofEpochMilli(e.windowStart()))
        .setWindowEnd(Instant.ofEpochMilli(e.windowEnd()))
        .setObservedValues(e.observedValues())
        .setComparison(comparison)
        .setThreshold(threshold)
        .setExpected(expected)
        .setLowerBound(lower)
        .setUpperBound(upper)
        .setReason(e.reason())
        .setReminder(e.reminder())
        .setNotifyChannels(rule.actions().channels())
        .setLineage(new Lineage(e.datapointTimestamps(), refs))
        .build();
    out.add(new Output.Alert(new AlertKey(rule.id(), seriesKey), value));
    ScalingSpec scaling = rule.actions().scaling();
    if (scaling != null && !e.reminder()) {
      io.watchstream.processor.rules.ScalingAction action = null;
      if (e.to() == AlarmState.ALARM) {
        action = scaling.onAlarm();
      } else if (e.to() == AlarmState.OK && e.from() == AlarmState.ALARM) {
        action = scaling.onOk();
      }
      if (action != null) {
        ScalingCommand cmd = ScalingCommand.newBuilder()
            .setIdempotencyKey(id)
            .setAutoScalingGroup(scaling.autoScalingGroup())
            .setAction(switch (action.type()) {
              case "set" -> ScalingAction.SET_DESIRED;
              case "policy" -> ScalingAction.EXECUTE_POLICY;
              default -> ScalingAction.CHANGE_CAPACITY;
            })
            .setAmount("policy".equals(action.type()) ? null : action.amount())
            .setPolicyName("policy".equals(action.type()) ? action.policy() : null)
            .setReason(e.reason())
            .setRuleId(rule.id())
            .setRuleVersion(version)
            .setSeriesKey(seriesKey)
            .setTriggerTime(Instant.ofEpochMilli(e.transitionTime()))
            .setDryRun(scaling.dryRun())
            .build();
        out.add(new Output.Scaling(new ScalingCommandKey(scaling.autoScalingGroup()), cmd));
      }
    }
    return out;
  }

  private AlertFactory() {}
}

package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Scaling action of a rule: on every transition to ALARM the processor emits {@code onAlarm} for the
 * group; on ALARM -> OK it emits {@code onOk} only when the rule names one (scale-in is opt-in).
 */
public record ScalingSpec(
    @JsonProperty("autoScalingGroup") String autoScalingGroup,
    @JsonProperty("onAlarm") ScalingAction onAlarm,
    @JsonProperty("onOk") ScalingAction onOk,
    @JsonProperty("dryRun") boolean dryRun) {

  void validate(String prefix, List<RuleProblem> problems) {
    if (autoScalingGroup == null || autoScalingGroup.isBlank()) {
      problems.add(new RuleProblem(prefix + ".autoScalingGroup", "is required"));
    }
    if (onAlarm == null) {
      problems.add(new RuleProblem(prefix + ".onAlarm", "is required"));
    } else {
      onAlarm.validate(prefix + ".onAlarm", problems);
    }
    if (onOk != null) {
      onOk.validate(prefix + ".onOk", problems);
    }
  }
}

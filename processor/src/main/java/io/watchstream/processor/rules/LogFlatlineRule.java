package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A dead heartbeat: ALARM when a closed window holds fewer than {@code threshold} matching lines (default 1: none at all). Back to OK as soon as the K-th line of a window arrives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogFlatlineRule(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("logs") LogSelector logs,
    @JsonProperty("pattern") String pattern,
    @JsonProperty("window") Duration window,
    @JsonProperty("grace") Duration grace,
    @JsonProperty("threshold") Integer threshold,
    @JsonProperty("reminderEvery") Duration reminderEvery,
    @JsonProperty("severity") Severity severity,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("actions") RuleActions actions)
    implements LogRule {

  public static final String KIND = "log-flatline";

  public LogFlatlineRule {
    pattern = pattern == null ? "" : pattern;
    window = window == null ? Duration.ofMinutes(5) : window;
    grace = grace == null ? Duration.ofSeconds(30) : grace;
    threshold = threshold == null ? 1 : threshold;
    severity = severity == null ? Severity.WARNING : severity;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    actions = RuleActions.orNone(actions);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<RuleProblem> validate() {
    List<RuleProblem> p = new ArrayList<>();
    LogRule.validateLog(this, p);
    if (threshold < 1) {
      p.add(new RuleProblem("threshold", "must be at least 1 (ALARM when a closed window has fewer matching lines)"));
    }
    return p;
  }
}

package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ALARM when a window holds at least {@code threshold} matching lines; decided as soon as the K-th line arrives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogFrequencyRule(
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

  public static final String KIND = "log-frequency";

  public LogFrequencyRule {
    pattern = pattern == null ? "" : pattern;
    window = window == null ? Duration.ofMinutes(5) : window;
    grace = grace == null ? Duration.ofSeconds(30) : grace;

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
    if (threshold == null || threshold < 1) {
      p.add(new RuleProblem("threshold", "is required and must be at least 1 (ALARM when a window has at least this many matching lines)"));
    }
    return p;
  }
}

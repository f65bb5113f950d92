package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A change in volume: ALARM when this window's count is at least {@code ratio} times the mean of the previous {@code baselineWindows} windows (up), or at most that mean divided by {@code ratio} (down); {@code minCount} keeps tiny counts from alarming (the larger of the two compared counts must reach it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogSpikeRule(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("logs") LogSelector logs,
    @JsonProperty("pattern") String pattern,
    @JsonProperty("window") Duration window,
    @JsonProperty("grace") Duration grace,
    @JsonProperty("baselineWindows") Integer baselineWindows,
    @JsonProperty("ratio") Double ratio,
    @JsonProperty("direction") String direction,
    @JsonProperty("minCount") Integer minCount,
    @JsonProperty("reminderEvery") Duration reminderEvery,
    @JsonProperty("severity") Severity severity,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("actions") RuleActions actions)
    implements LogRule {

  public static final String KIND = "log-spike";

  public LogSpikeRule {
    pattern = pattern == null ? "" : pattern;
    window = window == null ? Duration.ofMinutes(5) : window;
    grace = grace == null ? Duration.ofSeconds(30) : grace;
    baselineWindows = baselineWindows == null ? 3 : baselineWindows;
    ratio = ratio == null ? 3.0 : ratio;
    direction = direction == null ? "up" : direction;
    minCount = minCount == null ? 10 : minCount;
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
    if (baselineWindows < 1 || baselineWindows > 1000) {
      p.add(new RuleProblem("baselineWindows", "must be between 1 and 1000"));
    }
    if (!Double.isFinite(ratio) || ratio <= 1.0) {
      p.add(new RuleProblem("ratio", "must be greater than 1"));
    }
    if (!List.of("up", "down", "both").contains(direction)) {
      p.add(new RuleProblem("direction", "must be up, down or both"));
    }
    if (minCount < 0) {
      p.add(new RuleProblem("minCount", "must not be negative"));
    }
    return p;
  }
}

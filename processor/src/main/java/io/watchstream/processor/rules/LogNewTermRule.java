package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ALARM for a window in which a matching line carries a value of {@code field} not seen in the last {@code lookback}; decided on the line itself. OK again after a window without new values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogNewTermRule(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("logs") LogSelector logs,
    @JsonProperty("pattern") String pattern,
    @JsonProperty("window") Duration window,
    @JsonProperty("grace") Duration grace,
    @JsonProperty("field") String field,
    @JsonProperty("lookback") Duration lookback,
    @JsonProperty("reminderEvery") Duration reminderEvery,
    @JsonProperty("severity") Severity severity,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("actions") RuleActions actions)
    implements LogRule {

  public static final String KIND = "log-new-term";

  public LogNewTermRule {
    pattern = pattern == null ? "" : pattern;
    window = window == null ? Duration.ofMinutes(5) : window;
    grace = grace == null ? Duration.ofSeconds(30) : grace;
    lookback = lookback == null ? Duration.ofDays(7) : lookback;
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
    if (field == null || field.isBlank()) {
      p.add(new RuleProblem("field", "is required: a JSON selector such as $.user, a space-delimited position such as $3, or a regex with one group"));
    } else {
      try {
        io.watchstream.processor.logs.FieldExtractor.parse(field);
      } catch (IllegalArgumentException e) {
        p.add(new RuleProblem("field", e.getMessage()));
      }
    }
    if (lookback.toMillis() < 1000) {
      p.add(new RuleProblem("lookback", "must be at least 1s"));
    }
    return p;
  }
}

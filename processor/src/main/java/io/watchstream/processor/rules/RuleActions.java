package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What a transition triggers: notification channels (resolved by the notifier) and an optional scaling action. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleActions(
    @JsonProperty("notify") List<String> channels,
    @JsonProperty("scaling") ScalingSpec scaling) {

  public static final RuleActions NONE = new RuleActions(List.of(), null);

  public RuleActions {
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  static RuleActions orNone(RuleActions actions) {
    return actions == null ? NONE : actions;
  }

  void validate(List<RuleProblem> problems) {
    for (int i = 0; i < channels.size(); i++) {
      if (channels.get(i) == null || channels.get(i).isBlank()) {
        problems.add(new RuleProblem("actions.notify[" + i + "]", "must name a channel"));
      }
    }
    if (scaling != null) {
      scaling.validate("actions.scaling", problems);
    }
  }
}

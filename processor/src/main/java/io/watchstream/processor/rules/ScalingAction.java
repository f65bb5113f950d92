package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * What to ask Auto Scaling to do: {@code change} adds {@code amount} (may be negative), {@code set} sets
 * the desired capacity, {@code policy} executes a named scaling policy.
 */
public record ScalingAction(
    @JsonProperty("type") String type,
    @JsonProperty("amount") Integer amount,
    @JsonProperty("policy") String policy) {

  public ScalingAction {
    type = type == null ? "change" : type.toLowerCase(Locale.ROOT);
  }

  void validate(String prefix, List<RuleProblem> problems) {
    switch (type) {
      case "change", "set" -> {
        if (amount == null) {
          problems.add(new RuleProblem(prefix + ".amount", "is required for type " + type));
        } else if ("set".equals(type) && amount < 0) {
          problems.add(new RuleProblem(prefix + ".amount", "must be >= 0 for type set"));
        }
      }
      case "policy" -> {
        if (policy == null || policy.isBlank()) {
          problems.add(new RuleProblem(prefix + ".policy", "is required for type policy"));
        }
      }
      default -> problems.add(new RuleProblem(prefix + ".type", "must be change, set or policy"));
    }
  }
}

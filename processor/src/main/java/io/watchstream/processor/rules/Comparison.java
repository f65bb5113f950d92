package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Threshold comparison; accepts the symbols and CloudWatch's ComparisonOperator names. */
public enum Comparison {
  GREATER(">", "GreaterThanThreshold", "greater than"),
  GREATER_OR_EQUAL(">=", "GreaterThanOrEqualToThreshold", "greater than or equal to"),
  LESS("<", "LessThanThreshold", "less than"),
  LESS_OR_EQUAL("<=", "LessThanOrEqualToThreshold", "less than or equal to");

  private final String symbol;
  private final String cloudWatchName;
  private final String words;

  Comparison(String symbol, String cloudWatchName, String words) {
    this.symbol = symbol;
    this.cloudWatchName = cloudWatchName;
    this.words = words;
  }

  @JsonValue
  public String symbol() {
    return symbol;
  }

  /** Phrase used in CloudWatch-style reasons: "were greater than the threshold". */
  public String words() {
    return words;
  }

  public boolean breaches(double value, double threshold) {
    return switch (this) {
      case GREATER -> value > threshold;
      case GREATER_OR_EQUAL -> value >= threshold;
      case LESS -> value < threshold;
      case LESS_OR_EQUAL -> value <= threshold;
    };
  }

  /** True for {@code >} and {@code >=}: a larger value can only make the breach more certain. */
  public boolean upward() {
    return this == GREATER || this == GREATER_OR_EQUAL;
  }

  @JsonCreator
  public static Comparison parse(String text) {
    for (Comparison c : values()) {
      if (c.symbol.equals(text) || c.cloudWatchName.equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("comparison must be >, >=, < or <=");
  }
}

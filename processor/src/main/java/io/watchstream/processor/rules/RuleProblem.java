package io.watchstream.processor.rules;

/** One thing wrong with a rule: the field (a property name or dotted path inside the rule) and why. */
public record RuleProblem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}

package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One alert rule, as written in the rule file and published to the compacted {@code rules} topic.
 * The {@code kind} property of the YAML/JSON entry selects the record type. Rules are plain data:
 * processors take them as input and keep only state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ThresholdRule.class, name = ThresholdRule.KIND),
    @JsonSubTypes.Type(value = LogFrequencyRule.class, name = LogFrequencyRule.KIND),
    @JsonSubTypes.Type(value = LogSpikeRule.class, name = LogSpikeRule.KIND),
    @JsonSubTypes.Type(value = LogFlatlineRule.class, name = LogFlatlineRule.KIND),
    @JsonSubTypes.Type(value = LogNewTermRule.class, name = LogNewTermRule.KIND),
    @JsonSubTypes.Type(value = AnomalyRule.class, name = AnomalyRule.KIND),
})
public sealed interface Rule
    permits ThresholdRule, LogRule, AnomalyRule {

  String id();

  Severity severity();

  Map<String, String> labels();

  RuleActions actions();

  /** The kind name used in rule files and on the topic: threshold, log-frequency, ..., anomaly. */
  @JsonIgnore
  String kind();

  /** Semantic checks beyond what the parser enforces; empty when the rule is valid. */
  List<RuleProblem> validate();

  /** Checks shared by every rule kind. */
  static void validateCommon(Rule rule, List<RuleProblem> problems) {
    if (rule.id() == null || rule.id().isBlank()) {
      problems.add(new RuleProblem("id", "is required"));
    } else if (!rule.id().matches("[A-Za-z0-9._:-]{1,128}")) {
      problems.add(new RuleProblem("id", "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'"));
    }
  }
}

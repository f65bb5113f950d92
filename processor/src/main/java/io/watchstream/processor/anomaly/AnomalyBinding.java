package io.watchstream.processor.anomaly;

import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.rules.AnomalyRule;
import java.util.function.Predicate;

/**
 * What the {@link AnomalyScoreProcessor} needs of an anomaly rule: its id, which series it watches, and
 * the model settings. {@link #of(AnomalyRule)} adapts the rule record from rule files and the rules topic.
 */
public record AnomalyBinding(String ruleId, Predicate<MetricSeriesKey> selector, ModelKind model, AnomalySettings settings) {

  public static AnomalyBinding of(AnomalyRule rule) {
    return new AnomalyBinding(rule.id(),
        key -> rule.metric().matches(key.getNamespace().toString(), key.getMetricName().toString(), key.getDimensions()),
        ModelKind.parse(rule.model()),
        new AnomalySettings(rule.sensitivity(), rule.minTrainingPeriods()));
  }
}

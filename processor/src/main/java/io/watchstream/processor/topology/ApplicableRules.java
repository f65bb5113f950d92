package io.watchstream.processor.topology;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.processor.rules.ThresholdRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which threshold rules apply to the datapoints of one instance with one statistic and period, remembered for the
 * rule set in force: matching every rule's selector (dimension globs included) against every datapoint was a tenth
 * of the evaluation time. Forgotten when the rule set changes, and when it grows past {@value #MAX_SHAPES} shapes
 * (a cache, not state: one task's own, rebuilt on demand).
 */
final class ApplicableRules {
  static final int MAX_SHAPES = 100_000;

  private record Shape(String instanceKey, String statistic, int periodSeconds) {}

  private final Map<Shape, List<RuleCatalog.Compiled>> byShape = new HashMap<>();
  private long generation = Long.MIN_VALUE;

  List<RuleCatalog.Compiled> of(RuleCatalog.Snapshot rules, String instanceKey, MetricDatapoint dp) {
    if (generation != rules.generation() || byShape.size() >= MAX_SHAPES) {
      byShape.clear();
      generation = rules.generation();
    }
    return byShape.computeIfAbsent(new Shape(instanceKey, dp.getStatistic(), dp.getPeriodSeconds()), s -> match(rules, dp));
  }

  private static List<RuleCatalog.Compiled> match(RuleCatalog.Snapshot rules, MetricDatapoint dp) {
    List<RuleCatalog.Compiled> out = new ArrayList<>();
    for (RuleCatalog.Compiled c : rules.thresholds()) {
      ThresholdRule rule = (ThresholdRule) c.rule();
      if (rule.metric().matches(dp.getNamespace(), dp.getMetricName(), dp.getDimensions())
          && c.threshold().applies(dp.getStatistic(), dp.getPeriodSeconds())) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }
}

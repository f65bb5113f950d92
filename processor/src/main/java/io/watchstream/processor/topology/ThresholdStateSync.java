package io.watchstream.processor.topology;

import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.SeriesState;
import io.watchstream.processor.rules.ThresholdRule;

/**
 * What the current rule set means for an instance's stored threshold states: how a state follows a new rule
 * version, and when the instance next needs evaluation. Used on datapoints and on punctuation alike.
 */
final class ThresholdStateSync {
  private ThresholdStateSync() {}

  /**
   * A new rule version keeps the alarm state; period buckets are dropped only if the period or the statistic
   * changed (the series key, which names both, then follows the rule). Returns whether anything changed.
   */
  static boolean syncVersion(SeriesState s, RuleCatalog.Compiled c) {
    if (s.ruleVersion == c.version()) {
      return false;
    }
    ThresholdRule rule = (ThresholdRule) c.rule();
    String seriesKey = InstanceKeys.seriesKey(InstanceStates.instanceKeyOf(s.seriesKey), rule);
    if (s.periodMs != rule.periodMs() || !seriesKey.equals(s.seriesKey)) {
      s.buckets.clear();
      s.evaluatedThrough = -1;
      s.periodMs = rule.periodMs();
      s.seriesKey = seriesKey;
    }
    s.ruleVersion = c.version();
    return true;
  }

  /** When any state of the instance next needs evaluation; now-ish for a state whose rule is gone (to drop it). */
  static long nextDue(RuleCatalog.Snapshot snap, InstanceStates entry) {
    long next = Long.MAX_VALUE;
    for (SeriesState s : entry.states) {
      RuleCatalog.Compiled c = snap.byId().get(s.ruleId);
      next = Math.min(next, c == null || c.threshold() == null ? Long.MIN_VALUE : c.threshold().nextDue(s));
    }
    return next;
  }
}

package io.watchstream.processor.rules;

import java.time.Duration;
import java.util.List;

/**
 * The rules evaluated over the {@code logs} topic. Each counts lines matching {@link #pattern()} in
 * event-time tumbling windows of {@link #window()} per series (log group, or group/stream).
 */
public sealed interface LogRule extends Rule
    permits LogFrequencyRule, LogSpikeRule, LogFlatlineRule, LogNewTermRule {

  LogSelector logs();

  /** Filter pattern (see {@code LogPattern}); empty matches every line. */
  String pattern();

  Duration window();

  Duration grace();

  Duration reminderEvery();

  default long windowMs() {
    return window().toMillis();
  }

  static void validateLog(LogRule rule, List<RuleProblem> p) {
    Rule.validateCommon(rule, p);
    if (rule.logs() == null) {
      p.add(new RuleProblem("logs", "is required"));
    } else {
      rule.logs().validate(p);
    }
    if (rule.window().toMillis() < 1000) {
      p.add(new RuleProblem("window", "must be at least 1s"));
    }
    if (rule.grace().isNegative()) {
      p.add(new RuleProblem("grace", "must not be negative"));
    }
    if (rule.pattern() != null && !rule.pattern().isEmpty()) {
      try {
        io.watchstream.processor.logs.LogPattern.parse(rule.pattern());
      } catch (IllegalArgumentException e) {
        p.add(new RuleProblem("pattern", e.getMessage()));
      }
    }
    rule.actions().validate(p);
  }
}

package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.LogFlatlineRule;
import io.watchstream.processor.rules.LogFrequencyRule;
import io.watchstream.processor.rules.LogNewTermRule;
import io.watchstream.processor.rules.LogRule;
import io.watchstream.processor.rules.LogSpikeRule;
import java.util.Locale;

/**
 * What each kind of log rule decides from a window's count, new terms and history — at window close, early while
 * the window is open, and the reason given — so {@link LogRuleEvaluator} only moves windows and states.
 */
final class LogWindowDecisions {
  private LogWindowDecisions() {}

  /** ALARM (true) / OK (false) at window close; null when there is not enough history to say. */
  static Boolean breachAtClose(LogRule rule, LogSeriesState s) {
    if (rule instanceof LogFrequencyRule f) {
      return s.count >= f.threshold();
    }
    if (rule instanceof LogFlatlineRule f) {
      return s.count < f.threshold();
    }
    if (rule instanceof LogNewTermRule) {
      return !s.newTerms.isEmpty();
    }
    LogSpikeRule sp = (LogSpikeRule) rule;
    return s.history.size() < sp.baselineWindows() ? null : spike(sp, s);
  }

  /** A decision that later lines of the same window cannot change, or null. */
  static Boolean earlyDecision(LogRule rule, LogSeriesState s) {
    if (rule instanceof LogFrequencyRule f) {
      return s.count >= f.threshold() ? Boolean.TRUE : null;
    }
    if (rule instanceof LogFlatlineRule f) {
      return s.count >= f.threshold() ? Boolean.FALSE : null;
    }
    if (rule instanceof LogNewTermRule) {
      return s.newTerms.isEmpty() ? null : Boolean.TRUE;
    }
    LogSpikeRule sp = (LogSpikeRule) rule;
    return s.history.size() >= sp.baselineWindows() && !"down".equals(sp.direction()) && upSpike(sp, s) ? Boolean.TRUE : null;
  }

  private static double baseline(LogSeriesState s) {
    return s.history.stream().mapToLong(Long::longValue).average().orElse(0);
  }

  private static boolean upSpike(LogSpikeRule sp, LogSeriesState s) {
    double base = baseline(s);
    return s.count >= sp.minCount() && s.count >= sp.ratio() * Math.max(base, 1e-9);
  }

  private static boolean spike(LogSpikeRule sp, LogSeriesState s) {
    double base = baseline(s);
    boolean up = upSpike(sp, s);
    boolean down = base >= sp.minCount() && s.count <= base / sp.ratio();
    return switch (sp.direction()) {
      case "up" -> up;
      case "down" -> down;
      default -> up || down;
    };
  }

  /** Why the series is in (or moves to) {@code to}, as the alert says it. */
  static String reason(LogRule rule, LogSeriesState s, AlarmState to) {
    String w = io.watchstream.runtime.config.Durations.format(rule.window());
    if (rule instanceof LogFrequencyRule f) {
      return String.format(Locale.ROOT, "%d matching lines in %s (ALARM at %d or more).", s.count, w, f.threshold());
    }
    if (rule instanceof LogFlatlineRule f) {
      return String.format(Locale.ROOT, "%d matching lines in %s (ALARM below %d).", s.count, w, f.threshold());
    }
    if (rule instanceof LogNewTermRule n) {
      return to == AlarmState.ALARM
          ? "New value(s) of " + n.field() + " not seen in " + io.watchstream.runtime.config.Durations.format(n.lookback()) + ": " + s.newTerms
          : "No new value of " + n.field() + " in " + w + ".";
    }
    LogSpikeRule sp = (LogSpikeRule) rule;
    return String.format(Locale.ROOT, "%d matching lines in %s against a baseline of %.1f over %d windows (ratio %.1f, %s).",
        s.count, w, baseline(s), s.history.size(), sp.ratio(), sp.direction());
  }
}

package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.rules.LogNewTermRule;
import io.watchstream.processor.rules.LogRule;
import io.watchstream.processor.rules.LogSpikeRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one log rule on one series over event-time tumbling windows. A window's outcome is decided
 * as soon as it is certain — the K-th line of a frequency rule, a new term, a spike already above its
 * ratio, the K-th heartbeat that ends a flatline — and otherwise when the window closes (end + grace
 * passed in event time). Windows without any line still close, so a silent source is evaluated too. What each
 * rule kind decides is {@link LogWindowDecisions}.
 */
public final class LogRuleEvaluator {

  /** Remembers when each term of a new-term rule was last seen (a state store in the topology). */
  public interface TermMemory {
    Long lastSeen(String term);

    void remember(String term, long timestamp);
  }

  private final LogRule rule;
  private final long window;
  private final long grace;

  public LogRuleEvaluator(LogRule rule) {
    this.rule = rule;
    this.window = rule.windowMs();
    this.grace = rule.grace().toMillis();
  }

  /** A new rule version with a different window starts counting afresh (history is kept: counts still compare). */
  public void sync(LogSeriesState s, int version) {
    if (s.windowMs != window) {
      s.windowMs = window;
      s.windowStart = -1;
      s.count = 0;
      s.newTerms.clear();
      s.timestamps.clear();
      s.inputs.clear();
    }
    s.ruleVersion = version;
  }

  /** True when the line is late: its window closed more than grace ago, or it precedes the open window. */
  public boolean isLate(LogSeriesState s, long timestamp, long streamTime) {
    long start = Math.floorDiv(timestamp, window) * window;
    return start + window + grace <= streamTime || (s.windowStart >= 0 && start < s.windowStart);
  }

  /** Counts one matching line (already checked not late) and returns any transition it decides right away. */
  public List<Emission> admit(LogSeriesState s, long timestamp, String term, TermMemory terms, InputPosition input) {
    List<Emission> out = new ArrayList<>();
    long start = Math.floorDiv(timestamp, window) * window;
    if (s.windowStart < 0) {
      s.windowStart = start;
    }
    closeUntil(s, start, out);
    s.count++;
    if (s.timestamps.size() < 16) {
      s.timestamps.add(timestamp);
      if (input != null) {
        s.inputs.add(input);
      }
    }
    if (rule instanceof LogNewTermRule nt && term != null) {
      Long seen = terms.lastSeen(term);
      if ((seen == null || timestamp - seen > nt.lookback().toMillis()) && !s.newTerms.contains(term)) {
        s.newTerms.add(term);
      }
      terms.remember(term, timestamp);
    }
    Boolean decided = LogWindowDecisions.earlyDecision(rule, s);
    if (decided != null) {
      transition(s, decided ? AlarmState.ALARM : AlarmState.OK, timestamp, s.windowStart, s.windowStart + window, out);
    }
    return out;
  }

  /** The earliest event time at which {@link #advance} could change this state: the open window's close, or a reminder. */
  public long nextDue(LogSeriesState s) {
    long due = s.windowStart < 0 ? Long.MAX_VALUE : s.windowStart + window + grace;
    if (rule.reminderEvery() != null && s.state == AlarmState.ALARM && s.lastNotified >= 0) {
      due = Math.min(due, s.lastNotified + rule.reminderEvery().toMillis());
    }
    return due;
  }

  /** Closes every window that ended before {@code now - grace}. */
  public List<Emission> advance(LogSeriesState s, long now) {
    List<Emission> out = new ArrayList<>();
    if (s.windowStart >= 0) {
      closeUntil(s, Math.floorDiv(now - grace, window) * window, out);
    }
    remind(s, now, out);
    return out;
  }

  /** Closes windows until the open one starts at {@code start}. */
  private void closeUntil(LogSeriesState s, long start, List<Emission> out) {
    int limit = rule instanceof LogSpikeRule sp ? sp.baselineWindows() + 2 : 2;
    int closed = 0;
    while (s.windowStart + window <= start) {
      closeWindow(s, out);
      if (++closed >= limit && s.count == 0 && s.windowStart + window < start) {
        // further empty windows decide exactly like the last one did: skip to the current window
        s.windowStart = start;
      }
    }
  }

  private void closeWindow(LogSeriesState s, List<Emission> out) {
    long end = s.windowStart + window;
    Boolean breach = LogWindowDecisions.breachAtClose(rule, s);
    if (breach != null) {
      transition(s, breach ? AlarmState.ALARM : AlarmState.OK, end, s.windowStart, end, out);
    }
    s.history.add(s.count);
    int keep = rule instanceof LogSpikeRule sp ? sp.baselineWindows() : 1;
    while (s.history.size() > keep) {
      s.history.remove(0);
    }
    s.windowStart = end;
    s.count = 0;
    s.newTerms.clear();
    s.timestamps.clear();
    s.inputs.clear();
  }

  private void transition(LogSeriesState s, AlarmState to, long at, long windowStart, long windowEnd, List<Emission> out) {
    String reason = LogWindowDecisions.reason(rule, s, to);
    s.reason = reason;
    if (to == s.state) {
      return;
    }
    out.add(new Emission(s.state, to, at, windowStart, windowEnd, List.of((double) s.count),
        List.copyOf(s.timestamps), List.copyOf(s.inputs), reason, false));
    s.state = to;
    s.stateSince = at;
    s.lastNotified = at;
  }

  private void remind(LogSeriesState s, long now, List<Emission> out) {
    if (rule.reminderEvery() == null || s.state != AlarmState.ALARM || s.lastNotified < 0) {
      return;
    }
    long every = rule.reminderEvery().toMillis();
    if (now - s.lastNotified >= every) {
      long at = s.lastNotified + (now - s.lastNotified) / every * every;
      out.add(new Emission(AlarmState.ALARM, AlarmState.ALARM, at, s.stateSince, at, List.of(), List.of(), List.of(),
          "Still in ALARM: " + s.reason, true));
      s.lastNotified = at;
    }
  }
}

package io.watchstream.replay;

import io.watchstream.avro.AlarmState;
import java.util.ArrayList;
import java.util.List;

/**
 * The stretches one (rule, series) spent in ALARM, from its transitions in output order. A stretch opens
 * on a transition into ALARM and closes on the next transition out of it; one still open when the replay
 * ends is closed at the horizon and marked open. Reminders change nothing.
 */
public final class AlarmSpans {

  /** [start, end) in epoch ms. */
  public record Span(long start, long end, boolean open) {
    public long duration() {
      return end - start;
    }

    boolean overlaps(Span o) {
      return start == o.start || (start < o.end && o.start < end);
    }
  }

  private AlarmSpans() {}

  public static List<Span> of(List<Transition> transitions, long horizon) {
    List<Span> spans = new ArrayList<>();
    long openedAt = Long.MIN_VALUE;
    for (Transition t : transitions) {
      if (t.reminder()) {
        continue;
      }
      if (t.to() == AlarmState.ALARM && t.from() != AlarmState.ALARM) {
        openedAt = t.time();
      } else if (t.from() == AlarmState.ALARM && t.to() != AlarmState.ALARM && openedAt != Long.MIN_VALUE) {
        spans.add(new Span(openedAt, t.time(), false));
        openedAt = Long.MIN_VALUE;
      }
    }
    if (openedAt != Long.MIN_VALUE) {
      spans.add(new Span(openedAt, Math.max(openedAt, horizon), true));
    }
    return spans;
  }
}

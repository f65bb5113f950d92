package io.watchstream.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches the ALARM spans of one (rule, series) under two rule sets. A candidate span that overlaps a
 * not yet matched baseline span is the same alert: unchanged when both start together, shifted
 * otherwise. Candidate spans left over were added, baseline spans left over were removed.
 */
public final class AlertDiff {

  public record Shift(AlarmSpans.Span baseline, AlarmSpans.Span candidate) {
    public long byMs() {
      return candidate.start() - baseline.start();
    }
  }

  public record Result(List<AlarmSpans.Span> added, List<AlarmSpans.Span> removed, List<Shift> shifted, int unchanged) {
    public boolean differs() {
      return !added.isEmpty() || !removed.isEmpty() || !shifted.isEmpty();
    }
  }

  private AlertDiff() {}

  public static Result of(List<AlarmSpans.Span> baseline, List<AlarmSpans.Span> candidate) {
    boolean[] matched = new boolean[baseline.size()];
    List<AlarmSpans.Span> added = new ArrayList<>();
    List<Shift> shifted = new ArrayList<>();
    int unchanged = 0;
    for (AlarmSpans.Span c : candidate) {
      int match = -1;
      for (int i = 0; i < baseline.size(); i++) {
        if (!matched[i] && baseline.get(i).overlaps(c)) {
          match = i;
          break;
        }
      }
      if (match < 0) {
        added.add(c);
        continue;
      }
      matched[match] = true;
      if (baseline.get(match).start() == c.start()) {
        unchanged++;
      } else {
        shifted.add(new Shift(baseline.get(match), c));
      }
    }
    List<AlarmSpans.Span> removed = new ArrayList<>();
    for (int i = 0; i < baseline.size(); i++) {
      if (!matched[i]) {
        removed.add(baseline.get(i));
      }
    }
    return new Result(added, removed, shifted, unchanged);
  }
}

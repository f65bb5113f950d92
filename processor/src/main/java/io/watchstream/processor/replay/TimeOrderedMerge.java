package io.watchstream.processor.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * K-way merge of per-source lists that are each in event-time order. Ties go to the source listed
 * first, then keep each source's own order, so the result is deterministic (golden reports depend on it).
 */
public final class TimeOrderedMerge {

  private TimeOrderedMerge() {}

  public static List<ReplayRecord> merge(List<? extends List<? extends ReplayRecord>> sources) {
    int total = sources.stream().mapToInt(List::size).sum();
    List<ReplayRecord> out = new ArrayList<>(total);
    if (sources.size() == 1) {
      out.addAll(sources.get(0));
      return out;
    }
    // heads ordered by (timestamp of the head record, source index)
    PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> {
      int c = Long.compare(sources.get(a[0]).get(a[1]).timestamp(), sources.get(b[0]).get(b[1]).timestamp());
      return c != 0 ? c : Integer.compare(a[0], b[0]);
    });
    for (int s = 0; s < sources.size(); s++) {
      if (!sources.get(s).isEmpty()) {
        heads.add(new int[] {s, 0});
      }
    }
    while (!heads.isEmpty()) {
      int[] h = heads.poll();
      List<? extends ReplayRecord> src = sources.get(h[0]);
      out.add(src.get(h[1]));
      if (h[1] + 1 < src.size()) {
        heads.add(new int[] {h[0], h[1] + 1});
      }
    }
    return out;
  }
}

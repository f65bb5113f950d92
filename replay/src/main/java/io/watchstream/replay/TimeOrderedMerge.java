package io.watchstream.replay;

import java.util.ArrayList;
import java.util.List;

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
    // timestamps read once per record (a record's timestamp is an Instant inside an Avro value)
    long[][] times = new long[sources.size()][];
    for (int s = 0; s < sources.size(); s++) {
      List<? extends ReplayRecord> src = sources.get(s);
      times[s] = new long[src.size()];
      for (int i = 0; i < times[s].length; i++) {
        times[s][i] = src.get(i).timestamp();
      }
    }
    int[] next = new int[sources.size()];
    // a binary min-heap of source indexes ordered by (timestamp of the source's next record, source index)
    int[] heap = new int[sources.size()];
    int size = 0;
    for (int s = 0; s < sources.size(); s++) {
      if (times[s].length > 0) {
        heap[size++] = s;
        siftUp(heap, size - 1, times, next);
      }
    }
    while (size > 0) {
      int s = heap[0];
      out.add(sources.get(s).get(next[s]++));
      if (next[s] == times[s].length) {
        heap[0] = heap[--size];
      }
      siftDown(heap, size, times, next);
    }
    return out;
  }

  private static boolean before(int a, int b, long[][] times, int[] next) {
    long ta = times[a][next[a]];
    long tb = times[b][next[b]];
    return ta < tb || (ta == tb && a < b);
  }

  private static void siftUp(int[] heap, int i, long[][] times, int[] next) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!before(heap[i], heap[parent], times, next)) {
        return;
      }
      int tmp = heap[i];
      heap[i] = heap[parent];
      heap[parent] = tmp;
      i = parent;
    }
  }

  private static void siftDown(int[] heap, int size, long[][] times, int[] next) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int least = i;
      if (l < size && before(heap[l], heap[least], times, next)) {
        least = l;
      }
      if (r < size && before(heap[r], heap[least], times, next)) {
        least = r;
      }
      if (least == i) {
        return;
      }
      int tmp = heap[i];
      heap[i] = heap[least];
      heap[least] = tmp;
      i = least;
    }
  }
}

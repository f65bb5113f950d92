package io.watchstream.replay.nab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Where a file's labelled windows lie in its rows, for {@link NabScorer}. */
final class WindowRows {

  private WindowRows() {}

  /** Index ranges [left, right] of the windows that contain at least one row, in time order. */
  static List<int[]> of(LabelledSeries series) {
    long[] ts = series.timestamps();
    List<AnomalyWindow> windows = new ArrayList<>(series.windows());
    windows.sort(Comparator.comparingLong(AnomalyWindow::startMillis));
    List<int[]> bounds = new ArrayList<>();
    int lastRight = -1;
    for (AnomalyWindow w : windows) {
      int left = lowerBound(ts, w.startMillis());
      int right = lowerBound(ts, w.endMillis() + 1) - 1;
      left = Math.max(left, lastRight + 1); // overlapping labels: a row belongs to the first window only
      if (left <= right) {
        bounds.add(new int[] {left, right});
        lastRight = right;
      }
    }
    return bounds;
  }

  private static int lowerBound(long[] ts, long key) {
    int lo = 0;
    int hi = ts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

package io.watchstream.replay.nab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Where a file's labelled windows lie in its rows, for {@link NabScorer}. */
final class WindowRows {

  private WindowRows() {}

  /**
   * Index ranges [left, right] of the windows that contain at least one row, in time order: from the first row whose
   * timestamp lies in the window to the last one (in file order, so a row that steps back in time inside that range
   * counts as inside the window, as rows are scored by position).
   */
  static List<int[]> of(LabelledSeries series) {
    long[] ts = series.timestamps();
    List<AnomalyWindow> windows = new ArrayList<>(series.windows());
    windows.sort(Comparator.comparingLong(AnomalyWindow::startMillis));
    List<int[]> bounds = new ArrayList<>();
    int lastRight = -1;
    for (AnomalyWindow w : windows) {
      int left = -1;
      int right = -1;
      for (int i = lastRight + 1; i < ts.length; i++) { // overlapping labels: a row belongs to the first window only
        if (ts[i] >= w.startMillis() && ts[i] <= w.endMillis()) {
          left = left < 0 ? i : left;
          right = i;
        }
      }
      if (left >= 0) {
        bounds.add(new int[] {left, right});
        lastRight = right;
      }
    }
    return bounds;
  }
}

package io.watchstream.replay.nab;

import java.util.List;

/**
 * One NAB data file: timestamps (epoch millis, in file order: mostly ascending, with the odd repeat or step back),
 * values, and its labelled windows.
 * The arrays are owned by the record; callers must not modify them.
 */
public record LabelledSeries(String name, long[] timestamps, double[] values, List<AnomalyWindow> windows) {
  public LabelledSeries {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException(name + ": " + timestamps.length + " timestamps but " + values.length + " values");
    }
    windows = List.copyOf(windows);
  }

  public int size() {
    return timestamps.length;
  }
}

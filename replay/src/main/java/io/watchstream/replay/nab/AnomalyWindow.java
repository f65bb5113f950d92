package io.watchstream.replay.nab;

/** A labelled anomaly window, both ends inclusive, in epoch milliseconds (UTC). */
public record AnomalyWindow(long startMillis, long endMillis) {
  public AnomalyWindow {
    if (endMillis < startMillis) {
      throw new IllegalArgumentException("window ends before it starts: " + startMillis + " > " + endMillis);
    }
  }
}

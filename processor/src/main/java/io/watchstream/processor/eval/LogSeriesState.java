package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import java.util.ArrayList;
import java.util.List;

/** What the processor remembers about one (log rule, series): state, the open window, and recent window counts. */
public final class LogSeriesState {
  public String ruleId;
  public int ruleVersion;
  /** Window length of the rule version the open window was started for. */
  public long windowMs;
  public String seriesKey;
  public AlarmState state = AlarmState.INSUFFICIENT_DATA;
  public long stateSince = -1;
  public long lastNotified = -1;
  public String reason = "Unchecked: no window closed yet.";
  /** Start of the open window; -1 before the first line. */
  public long windowStart = -1;
  public long count;
  /** Counts of the most recent closed windows, oldest first (spike baselines). */
  public List<Long> history = new ArrayList<>();
  public List<String> newTerms = new ArrayList<>();
  public List<Long> timestamps = new ArrayList<>();
  public List<InputPosition> inputs = new ArrayList<>();
  public long lateLines;

  public LogSeriesState() {}

  public LogSeriesState(String ruleId, String seriesKey) {
    this.ruleId = ruleId;
    this.seriesKey = seriesKey;
  }
}

package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import java.util.TreeMap;

/**
 * Everything the processor remembers about one (threshold rule, series): the alarm state and why, how
 * far evaluation has advanced, and the period buckets still inside the evaluation range. Serialised as
 * JSON into a RocksDB store (with changelog), so it survives restarts and moves with its partition.
 */
public final class SeriesState {
  public String ruleId;
  public int ruleVersion;
  /** Period of the rule version the buckets were built for. */
  public long periodMs;
  public String seriesKey;
  public TreeMap<String, String> dimensions = new TreeMap<>();
  public AlarmState state = AlarmState.INSUFFICIENT_DATA;
  public long stateSince = -1;
  /** End (exclusive) of the last evaluated period; -1 before the first evaluation. */
  public long evaluatedThrough = -1;
  /** Event time of the last transition or reminder sent while in ALARM. */
  public long lastNotified = -1;
  /** Why the state is what it is: the reason of the evaluation that set it, or of one that held a transition back. */
  public String reason = "Unchecked: no evaluation yet.";
  /**
   * True while {@link #reason} is provisional — no evaluation yet, or it says why an evaluation held a
   * transition back — so the next evaluation replaces it even without a transition.
   */
  public boolean reasonProvisional = true;
  public long lateDatapoints;
  public TreeMap<Long, PeriodBucket> buckets = new TreeMap<>();

  public SeriesState() {}

  public SeriesState(String ruleId, String seriesKey) {
    this.ruleId = ruleId;
    this.seriesKey = seriesKey;
  }
}

package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import java.util.TreeMap;

/** Alarm state of one (anomaly rule, series): per period, whether the datapoint fell outside the model's band. */
public final class AnomalyState {
  public String ruleId;
  public int ruleVersion;
  public String seriesKey;
  public TreeMap<String, String> dimensions = new TreeMap<>();
  public AlarmState state = AlarmState.INSUFFICIENT_DATA;
  public long stateSince = -1;
  public long lastNotified = -1;
  public String reason = "Unchecked: no score yet.";
  /** Period start -> observed point; only the evaluation range is kept. */
  public TreeMap<Long, Point> points = new TreeMap<>();

  /** One scored datapoint: value, band (null while the model trains) and where it came from. */
  public record Point(double value, Double expected, Double lower, Double upper, long timestamp, InputPosition input) {}

  public AnomalyState() {}

  public AnomalyState(String ruleId, String seriesKey) {
    this.ruleId = ruleId;
    this.seriesKey = seriesKey;
  }
}

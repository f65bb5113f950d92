package io.watchstream.bench.workload;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Lineage;
import io.watchstream.schemas.SeriesKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alert transitions as the processor writes them, for driving the notifier on its own. */
public final class Alerts {

  private Alerts() {
  }

  public static AlertKey key(String ruleId, int series) {
    return new AlertKey(ruleId, SeriesKeys.canonical(SyntheticSeries.key(series)));
  }

  /** OK → ALARM of {@code ruleId} on benchmark series {@code series} at {@code time}. */
  public static AlertTransition alarm(String ruleId, int series, Instant time, double value) {
    String seriesKey = SeriesKeys.canonical(SyntheticSeries.key(series));
    return AlertTransition.newBuilder()
        .setAlertId(ruleId + "|" + seriesKey + "|ALARM|" + time.toEpochMilli())
        .setRuleId(ruleId).setRuleVersion(1).setRuleKind("threshold").setSeverity("critical")
        .setLabels(Map.of("team", "bench")).setSeriesKey(seriesKey)
        .setDimensions(SyntheticSeries.key(series).getDimensions())
        .setFromState(AlarmState.OK).setToState(AlarmState.ALARM)
        .setTransitionTime(time.plusSeconds(60)).setWindowStart(time).setWindowEnd(time.plusSeconds(60))
        .setObservedValues(List.of(value)).setComparison(">").setThreshold(50.0)
        .setReason("Threshold Crossed: 1 out of the last 1 datapoints [" + value + "] was greater than the threshold (50.0).")
        .setNotifyChannels(List.of("bench"))
        .setLineage(new Lineage(List.of(time.toEpochMilli()), List.of()))
        .build();
  }
}

package io.watchstream.notifier.engine;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The notifier's own immutable view of one {@link AlertTransition}: plain Java types so the incident
 * engine, message rendering and the JSON state topic do not depend on Avro's generated classes.
 */
public record Alert(
    String alertId,
    String ruleId,
    int ruleVersion,
    String ruleKind,
    String severity,
    Map<String, String> labels,
    String seriesKey,
    Map<String, String> dimensions,
    AlarmState fromState,
    AlarmState toState,
    Instant transitionTime,
    List<Double> observedValues,
    String comparison,
    Double threshold,
    Double expected,
    Double lowerBound,
    Double upperBound,
    String reason,
    boolean reminder,
    List<String> notifyChannels) {

  public Alert {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions == null ? Map.of() : dimensions));
    // List.copyOf rejects nulls, and a null marks a missing period here.
    observedValues = Collections.unmodifiableList(new ArrayList<>(observedValues == null ? List.of() : observedValues));
    notifyChannels = List.copyOf(notifyChannels == null ? List.of() : notifyChannels);
  }

  public static Alert from(AlertTransition t) {
    Map<String, String> dims = new LinkedHashMap<>();
    for (Dimension d : t.getDimensions()) {
      dims.put(d.getName(), d.getValue());
    }
    return new Alert(t.getAlertId(), t.getRuleId(), t.getRuleVersion(), t.getRuleKind(), t.getSeverity(),
        t.getLabels(), t.getSeriesKey(), dims, t.getFromState(), t.getToState(),
        t.getTransitionTime(), t.getObservedValues(), t.getComparison(), t.getThreshold(), t.getExpected(),
        t.getLowerBound(), t.getUpperBound(), t.getReason(), t.getReminder(), t.getNotifyChannels());
  }

  public IncidentKey incident() {
    return new IncidentKey(ruleId, seriesKey);
  }

  /** True when the alarm state really changed (a reminder or a repeated state is not a flip). */
  public boolean isFlip() {
    return !reminder && fromState != toState;
  }

  /** The most recent evaluated value, or null when the last period had no data. */
  public Double latestValue() {
    return observedValues.isEmpty() ? null : observedValues.get(observedValues.size() - 1);
  }

  public boolean isLogRule() {
    return ruleKind != null && ruleKind.startsWith("log-");
  }
}

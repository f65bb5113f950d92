package io.watchstream.notifier.engine;

/** One incident stream: one rule evaluated on one series (the key of the alerts topic). */
public record IncidentKey(String ruleId, String seriesKey) {
}

package io.watchstream.notifier.scaling;

import java.time.Instant;
import java.util.OptionalDouble;

/** Reads the latest value of a series (by canonical series key), for before/after scaling comparisons. */
@FunctionalInterface
public interface MetricReader {

  OptionalDouble latest(String seriesKey, Instant now);

  MetricReader NONE = (k, t) -> OptionalDouble.empty();
}

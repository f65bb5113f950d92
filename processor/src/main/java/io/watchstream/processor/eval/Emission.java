package io.watchstream.processor.eval;

import io.watchstream.avro.AlarmState;
import java.util.List;

/**
 * A state change (or reminder) decided by an evaluator, with what decided it. The topology turns it into
 * an {@code AlertTransition}.
 *
 * @param observedValues value of each period from windowStart to windowEnd, oldest first; null = missing
 */
public record Emission(
    AlarmState from,
    AlarmState to,
    long transitionTime,
    long windowStart,
    long windowEnd,
    List<Double> observedValues,
    List<Long> datapointTimestamps,
    List<InputPosition> inputs,
    String reason,
    boolean reminder) {}

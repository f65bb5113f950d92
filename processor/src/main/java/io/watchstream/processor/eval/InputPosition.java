package io.watchstream.processor.eval;

/** Where an input record came from: topic, partition, offset. Kept for alert lineage. */
public record InputPosition(String topic, int partition, long offset) {}

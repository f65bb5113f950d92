package io.watchstream.replay;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;

/**
 * One input record of a replay, exactly as it would sit on the {@code metrics} or {@code logs} topic:
 * key, value and event time. Sources produce them in event-time order; the runner pipes them into the
 * processor topology unchanged.
 */
public sealed interface ReplayRecord {

  /** Event time (epoch milliseconds), also the record timestamp on the input topic. */
  long timestamp();

  /** A datapoint for the {@code metrics} topic. */
  record Metric(MetricSeriesKey key, MetricDatapoint value) implements ReplayRecord {
    @Override
    public long timestamp() {
      return value.getTimestamp().toEpochMilli();
    }
  }

  /** A log event for the {@code logs} topic. */
  record Log(LogStreamKey key, LogEvent value) implements ReplayRecord {
    @Override
    public long timestamp() {
      return value.getTimestamp().toEpochMilli();
    }
  }
}

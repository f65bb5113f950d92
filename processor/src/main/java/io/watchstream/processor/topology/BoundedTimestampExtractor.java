package io.watchstream.processor.topology;

import io.watchstream.schemas.RecordBounds;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The timestamp Kafka Streams orders and times the input topics by: the record's own, except that a record
 * stamped ahead of the wall clock (or not stamped at all) does not move stream time; it gets its partition's
 * current time instead (the wall clock for a partition's first record). Stream time drives every series'
 * evaluation in the task, so without this one datapoint stamped in the year 9999 would close every period of
 * every series, and one stamped 90 minutes ahead would evaluate the whole task 90 minutes early. The record's
 * value keeps its own timestamp; the rule processors check it against {@link RecordBounds}.
 */
final class BoundedTimestampExtractor implements TimestampExtractor {

  private final LongSupplier wallClock;

  BoundedTimestampExtractor(LongSupplier wallClock) {
    this.wallClock = wallClock;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long ts = record.timestamp();
    long wall = wallClock.getAsLong();
    if (ts >= 0 && ts <= wall) {
      return ts;
    }
    return partitionTime >= 0 ? Math.min(partitionTime, wall) : wall;
  }
}

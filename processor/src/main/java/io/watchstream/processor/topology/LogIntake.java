package io.watchstream.processor.topology;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.RecordBounds;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads {@code logs}; keys each usable line by its log group for the {@value ProcessorTopology#LOGS_REPARTITION}
 * repartition and writes where it was read ({@link DeadLetterHeaders#source}) into its headers, so a line set aside
 * after the repartition still names its input position. Lines that cannot be used (null value, no message) or are
 * stamped outside {@link RecordBounds} are set aside here, before the repartition, where their raw bytes and
 * position are those of the {@code logs} record.
 */
final class LogIntake implements Processor<LogStreamKey, LogEvent, String, LogEvent> {

  private final String topic;
  private final RecordFaults faults;
  private ProcessorContext<String, LogEvent> context;

  LogIntake(String topic, RecordFaults faults) {
    this.topic = topic;
    this.faults = faults;
  }

  @Override
  public void init(ProcessorContext<String, LogEvent> context) {
    this.context = context;
  }

  @Override
  public void process(Record<LogStreamKey, LogEvent> record) {
    LogEvent event = record.value();
    String problem = problemWith(event, faults.bounds(), context.currentSystemTimeMs());
    if (problem != null) {
      throw faults.setAside(topic, event == null || event.getMessage() == null
          ? DeadLetterHeaders.Kind.BAD_RECORD : DeadLetterHeaders.Kind.OUT_OF_BOUNDS, "validate", problem);
    }
    DeadLetterHeaders.Source source = context.recordMetadata()
        .map(m -> new DeadLetterHeaders.Source(m.topic(), m.partition(), m.offset())).orElse(null);
    context.forward(record.withKey(event.getLogGroup())
        .withHeaders(DeadLetterHeaders.from(record.headers()).source(source).build()));
  }

  /** Why a decoded log event cannot be used at wall-clock time {@code wall}, or null. */
  static String problemWith(LogEvent event, RecordBounds bounds, long wall) {
    if (event == null) {
      return "null value (tombstone)";
    }
    if (event.getMessage() == null) {
      return "log event without a message";
    }
    return bounds.violation(event.getTimestamp().toEpochMilli(), wall);
  }
}

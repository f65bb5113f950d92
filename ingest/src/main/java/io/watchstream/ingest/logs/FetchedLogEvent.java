package io.watchstream.ingest.logs;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;

/** One CloudWatch Logs event as read from a source, before it is written to the logs topic. */
public record FetchedLogEvent(String logGroup, String logStream, String eventId, long timestampMillis,
                              long ingestionTimeMillis, String message) {

  public LogStreamKey key() {
    return new LogStreamKey(logGroup, logStream);
  }

  public LogEvent toAvro() {
    return LogEvent.newBuilder()
        .setLogGroup(logGroup)
        .setLogStream(logStream)
        .setEventId(eventId)
        .setTimestamp(java.time.Instant.ofEpochMilli(timestampMillis))
        .setIngestionTime(java.time.Instant.ofEpochMilli(ingestionTimeMillis))
        .setMessage(message)
        .build();
  }
}

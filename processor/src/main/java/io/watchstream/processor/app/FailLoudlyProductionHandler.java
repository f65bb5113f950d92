package io.watchstream.processor.app;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing an alert must not be silently skipped: every production error fails the task (and, under
 * exactly-once, aborts its transaction so the input is re-processed), except a record too large for the
 * broker, which would fail forever; that one is logged and skipped.
 */
public final class FailLoudlyProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FailLoudlyProductionHandler.class);

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RecordTooLargeException) {
      LOG.error("Skipping a record too large for topic {} (from {}-{}@{})", record.topic(), context.topic(),
          context.partition(), context.offset(), exception);
      return Response.resume();
    }
    LOG.error("Cannot write to {}; failing the task", record.topic(), exception);
    return Response.fail();
  }
}

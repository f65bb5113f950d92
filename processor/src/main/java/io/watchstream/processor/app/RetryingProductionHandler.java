package io.watchstream.processor.app;

import io.watchstream.schemas.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing an alert is never silently skipped. A retriable error (the broker unreachable, a leader moving, a
 * timeout) is fault-model case (b): the write is retried (Kafka Streams' {@link Response#retry()}, bounded by
 * {@code task.timeout.ms}) and the broker is reported unreachable in health meanwhile. A record too large for
 * the broker would fail forever: it is logged and skipped. Anything else fails the task; under exactly-once
 * its transaction is aborted and the input is processed again by a replacement thread.
 *
 * <p>A serializer that failed because the schema registry gave no answer (only when the client is closing:
 * otherwise it waits) fails the task too: the record must not be lost.
 */
public final class RetryingProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingProductionHandler.class);

  /** Streams config entry holding the application's {@link BrokerReachability} (an object, not a string). */
  public static final String BROKER_REACHABILITY_CONFIG = "watchstream.broker.reachability";

  private BrokerReachability broker = new BrokerReachability();

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(BROKER_REACHABILITY_CONFIG) instanceof BrokerReachability b) {
      broker = b;
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      broker.failed("cannot write to " + record.topic() + ": " + exception.getClass().getSimpleName());
      LOG.warn("Retriable error writing to {}; retrying: {}", record.topic(), exception.toString());
      return Response.retry();
    }
    if (exception instanceof RecordTooLargeException) {
      LOG.error("Skipping a record too large for topic {} (from {}-{}@{})", record.topic(), context.topic(),
          context.partition(), context.offset(), exception);
      return Response.resume();
    }
    LOG.error("Cannot write to {}; failing the task", record.topic(), exception);
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    if (SchemaRegistryException.isRegistryUnavailable(exception)) {
      LOG.warn("Cannot serialize a record for {}: the schema registry gave no answer; failing the task so the input is processed again",
          record.topic());
    } else {
      LOG.error("Cannot serialize a record for {} ({}); failing the task", record.topic(), origin, exception);
    }
    return Response.fail();
  }
}

package io.watchstream.processor.topology;

import io.watchstream.schemas.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undecodable input records go to {@code <topic>.dlq}, raw bytes unchanged, with headers saying what went
 * wrong and where the record came from; processing continues. Uses Kafka Streams' own dead-letter
 * mechanism (the records are produced by the task, inside its transaction under exactly-once).
 *
 * <p>A failure caused by a schema registry that gave no answer is not a bad record (fault-model case (b)): it is
 * never dead-lettered; the task fails and the record is read again.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  /** Streams config entry holding the application's {@link UndecodableRuleRecords} (an object, not a string). */
  public static final String UNDECODABLE_RULES_CONFIG = "watchstream.undecodable.rule.records";

  private UndecodableRuleRecords undecodableRules;

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(UNDECODABLE_RULES_CONFIG) instanceof UndecodableRuleRecords u) {
      undecodableRules = u;
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (SchemaRegistryException.isRegistryUnavailable(exception)) {
      // the registry was away (the client waits out outages; this is the client closing): the record is not
      // bad, so it is neither dead-lettered nor skipped — the task fails and the record is read again
      LOG.warn("Record {}-{}@{} not decoded: the schema registry gave no answer; it is read again, not dead-lettered",
          context.topic(), context.partition(), context.offset());
      return Response.fail();
    }
    if (context.taskId() == null || context.taskId().subtopology() < 0) {
      // The global thread (rules topic) cannot produce: Kafka Streams 4.4 fails the thread with a
      // ClassCastException if dead-letter records are returned there (seen on the real broker). The record
      // is skipped here, the rule version in force stays (as for any rejected rule record), and the record
      // is handed to the task of partition 0, which writes it to <topic>.dlq (RuleDeadLetterReporter).
      LOG.warn("Undecodable record {}-{}@{} on a global topic; the previous rule version stays in force: {}",
          context.topic(), context.partition(), context.offset(), exception.toString());
      if (undecodableRules != null) {
        List<Header> headers = new java.util.ArrayList<>();
        record.headers().forEach(headers::add);
        undecodableRules.add(new UndecodableRuleRecords.Undecodable(context.topic(), context.partition(), context.offset(),
            context.timestamp(), record.key(), record.value(), headers, exception));
      }
      return Response.resume();
    }
    LOG.warn("Undecodable record {}-{}@{} sent to {}.dlq: {}", context.topic(), context.partition(), context.offset(),
        context.topic(), exception.toString());
    return Response.resume(List.of(deadLetter(context, record.key(), record.value(), record.headers(), exception)));
  }

  static ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
      Iterable<Header> original, Exception exception) {
    RecordHeaders headers = errorHeaders(original, exception, context.topic(), context.partition(), context.offset());
    return new ProducerRecord<>(io.watchstream.schemas.TopicNames.deadLetter(context.topic()), null, context.timestamp(), key, value, headers);
  }

  /** The record's own headers plus what went wrong and where the record came from. */
  static RecordHeaders errorHeaders(Iterable<Header> original, Exception exception, String topic, int partition, long offset) {
    RecordHeaders headers = new RecordHeaders();
    if (original != null) {
      original.forEach(headers::add);
    }
    put(headers, "watchstream.error.class", exception.getClass().getName());
    put(headers, "watchstream.error.message", String.valueOf(exception.getMessage()));
    put(headers, "watchstream.source.topic", topic);
    put(headers, "watchstream.source.partition", Integer.toString(partition));
    put(headers, "watchstream.source.offset", Long.toString(offset));
    return headers;
  }

  private static void put(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** An exception thrown while processing a decoded record: the record goes to the DLQ too, processing continues. */
  public static final class Processing implements ProcessingExceptionHandler {
    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
      if (SchemaRegistryException.isRegistryUnavailable(exception)) {
        // writing an output needed the registry and got no answer: the input is fine, so it is processed again
        LOG.warn("Processing {}-{}@{} stopped: the schema registry gave no answer; the record is processed again, not dead-lettered",
            context.topic(), context.partition(), context.offset());
        return ProcessingExceptionHandler.Response.fail();
      }
      LOG.error("Processing failed for {}-{}@{}; record sent to {}.dlq", context.topic(), context.partition(), context.offset(),
          context.topic(), exception);
      return ProcessingExceptionHandler.Response.resume(List.of(
          deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), context.headers(), exception)));
    }
  }
}

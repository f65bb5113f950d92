package io.watchstream.processor.topology;

import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.TopicNames;
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
 * Undecodable input records go to {@code <topic>.dlq}, raw bytes unchanged, with the {@link DeadLetterHeaders}
 * (kind {@code bad-record}, stage {@code decode}); processing continues. Uses Kafka Streams' own dead-letter
 * mechanism (the records are produced by the task, inside its transaction under exactly-once).
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  /** Streams config entry holding the application's {@link UndecodableRuleRecords} (an object, not a string). */
  public static final String UNDECODABLE_RULES_CONFIG = "watchstream.undecodable.rule.records";
  /** Streams config entry holding the application's {@link SetAsideCounts} (an object, not a string); optional. */
  public static final String SET_ASIDE_COUNTS_CONFIG = "watchstream.set.aside.counts";

  private UndecodableRuleRecords undecodableRules;
  private SetAsideCounts counts;

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(UNDECODABLE_RULES_CONFIG) instanceof UndecodableRuleRecords u) {
      undecodableRules = u;
    }
    counts = countsOf(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (context.taskId() == null || context.taskId().subtopology() < 0) {
      // The global thread (rules topic) cannot produce: Kafka Streams 4.4 fails the thread with a
      // ClassCastException if dead-letter records are returned there (seen on the real broker). The record
      // is skipped here, the rule version in force stays (as for any rejected rule record), and the record
      // is handed to the task of partition 0, which writes it to <topic>.dlq (RuleDeadLetterReporter).
      LOG.warn("Undecodable record {}-{}@{} on a global topic; the previous rule version stays in force: {}",
          context.topic(), context.partition(), context.offset(), exception.getClass().getName());
      if (undecodableRules != null) {
        List<Header> headers = new java.util.ArrayList<>();
        record.headers().forEach(headers::add);
        undecodableRules.add(new UndecodableRuleRecords.Undecodable(context.topic(), context.partition(), context.offset(),
            context.timestamp(), record.key(), record.value(), headers, exception));
      }
      return Response.resume();
    }
    LOG.warn("Undecodable record {}-{}@{} sent to {}.dlq: {}", context.topic(), context.partition(), context.offset(),
        context.topic(), exception.getClass().getName());
    String topic = TopicNames.deadLetter(context.topic());
    if (counts != null) {
      counts.add(topic, DeadLetterHeaders.Kind.BAD_RECORD);
    }
    RecordHeaders headers = badRecordHeaders(record.headers(), exception,
        new DeadLetterHeaders.Source(context.topic(), context.partition(), context.offset()));
    return Response.resume(List.of(new ProducerRecord<>(topic, null,
        writableTimestamp(context.timestamp(), System.currentTimeMillis()), record.key(), record.value(), headers)));
  }

  /** The headers of an undecodable record: its own plus kind {@code bad-record}, stage {@code decode}, error, source. */
  static RecordHeaders badRecordHeaders(Iterable<Header> original, Exception exception, DeadLetterHeaders.Source source) {
    return DeadLetterHeaders.from(original).kind(DeadLetterHeaders.Kind.BAD_RECORD).stage("decode").error(exception)
        .source(source).build();
  }

  /**
   * The timestamp to give a dead letter of a record stamped {@code timestamp}: its own unless it is ahead of the
   * wall clock or negative, which the broker (or the producer) would refuse, failing the task.
   */
  static long writableTimestamp(long timestamp, long wall) {
    return timestamp < 0 || timestamp > wall ? wall : timestamp;
  }

  private static SetAsideCounts countsOf(Map<String, ?> configs) {
    return configs.get(SET_ASIDE_COUNTS_CONFIG) instanceof SetAsideCounts c ? c : null;
  }

  /**
   * Records a rule processor hands over ({@link SetAside}) go, raw key and value bytes unchanged, to
   * {@code <topic>.dlq} or {@code <topic>.late} of the input topic they were read from, with the
   * {@link DeadLetterHeaders}; so does the record of any other exception a processor throws (kind
   * {@code rule-defect}, a defect of ours). A record read from the log repartition topic names its {@code logs}
   * position in its headers ({@link LogIntake}); it goes to the {@code logs} side topics, never to one named after
   * the repartition topic. Processing continues.
   */
  public static final class Processing implements ProcessingExceptionHandler {
    private SetAsideCounts counts;

    @Override
    public void configure(Map<String, ?> configs) {
      counts = countsOf(configs);
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
      if (context.topic() == null) {
        // a punctuation: there is no input record to set aside; the rule processors isolate each rule there and
        // report it degraded, so this is the failure of a whole pass, which the next punctuation retries
        LOG.error("Punctuation of {} failed: {}", context.processorNodeId(), exception.getClass().getName());
        LOG.debug("Punctuation failure of {}", context.processorNodeId(), exception);
        return ProcessingExceptionHandler.Response.resume();
      }
      DeadLetterHeaders.Source source = inputSource(context);
      SetAside s;
      if (exception instanceof SetAside given) {
        s = given;
        LOG.debug("{} record {} set aside: {}", s.kind().header(), source, s.getMessage());
      } else {
        s = SetAside.ruleDefect(List.of(), exception);
        if (counts != null) {
          counts.add(TopicNames.deadLetter(source.topic()), s.kind());
        }
        LOG.error("Processing failed for {}; record sent to {}.dlq: {}", source, source.topic(),
            exception.getClass().getName());
        LOG.debug("Processing failure of {}", source, exception);
      }
      if (s.kind() == DeadLetterHeaders.Kind.RULE_DEFECT && exception instanceof SetAside) {
        // the rule processor logged the failure (RecordFaults#ruleFailed)
        LOG.debug("Rules {} failed on {}; record sent to {}.dlq", s.ruleIds(), source, source.topic());
      }
      String topic = s.toLateTopic() ? TopicNames.lateData(source.topic()) : TopicNames.deadLetter(source.topic());
      return ProcessingExceptionHandler.Response.resume(List.of(new ProducerRecord<>(topic, null,
          writableTimestamp(context.timestamp(), System.currentTimeMillis()), context.sourceRawKey(),
          context.sourceRawValue(), s.headers(context.headers(), source).build())));
    }

    /** Where the record was read: for the log repartition topic, the {@code logs} position it carries. */
    private static DeadLetterHeaders.Source inputSource(ErrorHandlerContext context) {
      if (context.topic() != null && context.topic().endsWith("-" + ProcessorTopology.LOGS_REPARTITION + "-repartition")) {
        DeadLetterHeaders.Source carried = DeadLetterHeaders.sourceOf(context.headers());
        if (carried != null) {
          return carried;
        }
      }
      return new DeadLetterHeaders.Source(context.topic(), context.partition(), context.offset());
    }
  }
}

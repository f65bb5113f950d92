package io.watchstream.processor.topology;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import java.time.Duration;
import io.watchstream.schemas.DeadLetterHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In the metrics task of partition 0 only: every second, writes the rules-topic records the global thread could
 * not decode ({@link UndecodableRuleRecords}) to {@code rules.dlq}, raw bytes with error headers, each once —
 * which ones were written is kept in the changelogged {@value ProcessorTopology#REJECTIONS_STORE} store, so a
 * record seen again after a restart is not repeated. Datapoints pass it by untouched.
 */
final class RuleDeadLetterReporter implements Processor<MetricSeriesKey, MetricDatapoint, byte[], byte[]> {

  private final UndecodableRuleRecords undecodable;

  RuleDeadLetterReporter(UndecodableRuleRecords undecodable) {
    this.undecodable = undecodable;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    if (context.taskId().partition() != 0) {
      return;
    }
    KeyValueStore<String, String> reported = context.getStateStore(ProcessorTopology.REJECTIONS_STORE);
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> {
      for (UndecodableRuleRecords.Undecodable u : undecodable.takeAll()) {
        String marker = "undecodable|" + u.topic() + "|" + u.partition() + "|" + u.offset();
        if (reported.get(marker) != null) {
          continue;
        }
        RecordHeaders headers = DeadLetterHandler.badRecordHeaders(u.headers(), u.error(),
            new DeadLetterHeaders.Source(u.topic(), u.partition(), u.offset()));
        context.forward(new Record<>(u.key(), u.value(), DeadLetterHandler.writableTimestamp(u.timestamp(), now), headers));
        reported.put(marker, Long.toString(now));
      }
    });
  }

  @Override
  public void process(Record<MetricSeriesKey, MetricDatapoint> record) {
    // nothing: this node only needs a task (to produce in its transaction) and its punctuation
  }
}

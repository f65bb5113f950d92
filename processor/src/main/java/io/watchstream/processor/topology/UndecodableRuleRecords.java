package io.watchstream.processor.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands records of the rules topic that could not be decoded from the global thread to a stream task. The
 * global thread reads the rules topic but cannot produce (Kafka Streams 4.4 fails it if a deserialization
 * handler returns dead letters there), so {@link DeadLetterHandler} parks such records here and
 * {@link RuleDeadLetterReporter}, in the task of partition 0, writes each to {@code rules.dlq} once, inside its
 * transaction. Bounded: beyond {@value #CAPACITY} waiting records the newest are only logged.
 */
public final class UndecodableRuleRecords {
  private static final Logger LOG = LoggerFactory.getLogger(UndecodableRuleRecords.class);
  static final int CAPACITY = 10_000;

  /** One undecodable record: where it was, its raw bytes and headers, and why it failed. */
  record Undecodable(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
      List<Header> headers, Exception error) {}

  private final ConcurrentLinkedQueue<Undecodable> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  void add(Undecodable record) {
    if (size.incrementAndGet() > CAPACITY) {
      size.decrementAndGet();
      LOG.error("Undecodable rule record {}-{}@{} not sent to the dead-letter topic: {} are already waiting",
          record.topic(), record.partition(), record.offset(), CAPACITY);
      return;
    }
    waiting.add(record);
  }

  /** Everything waiting, oldest first; what is taken is gone from here. */
  List<Undecodable> takeAll() {
    List<Undecodable> out = new ArrayList<>();
    Undecodable r;
    while ((r = waiting.poll()) != null) {
      size.decrementAndGet();
      out.add(r);
    }
    return out;
  }
}

package io.watchstream.notifier.pipeline;

import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import io.watchstream.schemas.SchemaRegistryException;
import io.watchstream.schemas.TopicSpec;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the values of one input topic, setting aside (stage {@code decode}) what cannot be decoded: a tombstone
 * (the processor never deletes from its output topics), bytes that are no Avro of the contract, and a value that
 * fails the topic's own check. A schema registry that is away is no bad record: that exception passes through, the
 * record is not committed and is read again.
 */
final class RecordDecoder<V> {

  private final TopicSpec<?, V> topic;
  private final Predicate<V> complete;
  private final String incomplete;
  private final DeadLetters deadLetters;

  /** {@code complete} says whether a decoded value has what the notifier needs; {@code incomplete} says what not. */
  RecordDecoder(TopicSpec<?, V> topic, Predicate<V> complete, String incomplete, DeadLetters deadLetters) {
    this.topic = topic;
    this.complete = complete;
    this.incomplete = incomplete;
    this.deadLetters = deadLetters;
  }

  Optional<V> decode(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      deadLetters.record(r, Kind.BAD_RECORD, "decode", null, "null value (tombstone) on " + r.topic(), null);
      return Optional.empty();
    }
    try {
      V value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (value == null || !complete.test(value)) {
        throw new IllegalArgumentException(incomplete);
      }
      return Optional.of(value);
    } catch (RuntimeException e) {
      if (SchemaRegistryException.isRegistryUnavailable(e)) {
        // the registry client waits out outages and gives up only when closing: the record is fine, it is not
        // committed and is read again after the restart
        throw e;
      }
      deadLetters.record(r, Kind.BAD_RECORD, "decode", e, null, null);
      return Optional.empty();
    }
  }
}

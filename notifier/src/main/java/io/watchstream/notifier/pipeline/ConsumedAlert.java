package io.watchstream.notifier.pipeline;

import io.watchstream.avro.AlertTransition;
import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.engine.Alert;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An alert transition the {@link AlertIntake} decoded: the record as read (for dead letters), where it was read, the
 * Avro transition (for SNS) and the notifier's own view of it (for routing and the incident engine).
 */
public record ConsumedAlert(ConsumerRecord<byte[], byte[]> record, Position position, AlertTransition transition,
    Alert alert) {
}

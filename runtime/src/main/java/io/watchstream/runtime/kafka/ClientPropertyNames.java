package io.watchstream.runtime.kafka;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The client properties a connection may set: those the producer, consumer or admin client knows. A misspelt
 * {@code sasl.mechansim} would otherwise be ignored with a warning and the service would try to connect without it.
 */
final class ClientPropertyNames {

  private static final Set<String> KNOWN = known();

  private ClientPropertyNames() {}

  static boolean isKnown(String name) {
    return KNOWN.contains(name);
  }

  /** Settings each service decides itself, for the guarantees it gives; the connection may not change them. */
  static String ownedByService(String name) {
    return switch (name) {
      case "bootstrap.servers" -> "set kafka.bootstrapServers (or WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS) instead";
      case "key.serializer", "value.serializer", "key.deserializer", "value.deserializer",
          "transactional.id", "enable.idempotence", "isolation.level", "enable.auto.commit", "group.id" ->
          "is set by each service for its delivery guarantees";
      default -> null;
    };
  }

  private static Set<String> known() {
    Set<String> names = new TreeSet<>(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    return Set.copyOf(names);
  }
}

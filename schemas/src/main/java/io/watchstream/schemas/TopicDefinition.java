package io.watchstream.schemas;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One topic of the catalogue ({@link TopicCatalogue}) as a deployment must have it.
 *
 * @param logical       the name code and overrides use ({@code metrics}, {@code scalingCommands}, {@code metrics.dlq})
 * @param base          the logical name of the topic whose configured name this one's is built from (itself for a
 *                      base topic): {@code metrics.dlq} is always named after {@code metrics}
 * @param suffix        appended to the base's name ({@code ".dlq"}, {@code ".late"}, {@code ".rejected"}; empty for a base)
 * @param keyType       the key type: an Avro class (Avro with the registry), {@code String.class} or {@code byte[].class}
 * @param valueType     the value type, as {@code keyType}
 * @param cleanupPolicy delete for data, compact for tables
 * @param partitions    a fixed partition count (1 for tables read whole by every instance); empty = the deployment's
 *                      data partition count
 * @param retention     {@code retention.ms}; empty = the broker's default
 * @param purpose       one line: who writes it, who reads it
 */
public record TopicDefinition(String logical, String base, String suffix, Class<?> keyType, Class<?> valueType,
    CleanupPolicy cleanupPolicy, OptionalInt partitions, Optional<Duration> retention, String purpose) {

  public TopicDefinition {
    Objects.requireNonNull(logical, "logical");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(suffix, "suffix");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(partitions, "partitions");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(purpose, "purpose");
  }

  /** This topic's name under {@code names} (its base's configured name plus the suffix). */
  public String name(TopicNames names) {
    return names.name(base) + suffix;
  }

  /** The name with no overrides. */
  public String defaultName() {
    return name(TopicNames.defaults());
  }

  /** Whether the topic is named after another one (a dead-letter, late-data or rejected-rules topic). */
  public boolean derived() {
    return !suffix.isEmpty();
  }

  /** The partition count to create it with when the deployment's data topics have {@code dataPartitions}. */
  public int partitions(int dataPartitions) {
    return partitions.orElse(dataPartitions);
  }
}

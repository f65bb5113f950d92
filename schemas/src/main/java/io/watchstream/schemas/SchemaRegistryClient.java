package io.watchstream.schemas;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The two schema-registry operations the serde needs, in Confluent Schema Registry terms.
 * Implementations must be thread-safe; serdes call them from every stream thread.
 */
public interface SchemaRegistryClient {

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
  int register(String subject, Schema schema);

  /** Returns the schema with global id {@code id}. */
  Schema getById(int id);

  /**
   * Fetches and caches the latest schema registered under {@code subject}, so reading records written with it
   * never needs the registry later; returns its id, or empty when the subject has no schema yet.
   */
  default Optional<Integer> prefetchLatest(String subject) {
    return Optional.empty();
  }

  /**
   * Makes the calls waiting on an unavailable registry now give up (they throw an "unavailable"
   * {@link SchemaRegistryException}): a service that is stopping must not hang on a registry that is away.
   * Later calls work as before.
   */
  default void cancelWaits() {}

  /** Whether calls are waiting on an unavailable registry now; empty for a registry that cannot be unavailable. */
  default Optional<RegistryOutage> outage() {
    return Optional.empty();
  }
}

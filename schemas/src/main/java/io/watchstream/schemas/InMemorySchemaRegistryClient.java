package io.watchstream.schemas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A registry that lives in this process. For broker-less runs only: replay from files and
 * TopologyTestDriver tests, where records never leave the JVM. Never use it against a real broker:
 * the ids would mean nothing to any other consumer.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final AtomicInteger nextId = new AtomicInteger(1);
  private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  @Override
  public int register(String subject, Schema schema) {
    return idsBySchema.computeIfAbsent(schema.toString(), text -> {
      int id = nextId.getAndIncrement();
      schemasById.put(id, schema);
      return id;
    });
  }

  @Override
  public Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("No schema with id " + id + " in the in-memory registry", 404, 40403, null);
    }
    return schema;
  }
}

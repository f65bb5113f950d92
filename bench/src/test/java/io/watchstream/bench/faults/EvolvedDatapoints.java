package io.watchstream.bench.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.schemas.SchemaRegistryClient;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;

/**
 * Datapoints written with a newer (BACKWARD-compatible) writer schema than the processor's: one more optional
 * field at the end. A processor that has never seen the new schema id must fetch it from the registry to read
 * such a record — the one thing a running processor still needs the registry for.
 */
final class EvolvedDatapoints {

  private final int schemaId;

  /** Registers the evolved schema under {@code <metricsTopic>-value} (the registry must be up). */
  EvolvedDatapoints(SchemaRegistryClient registry, String metricsTopic) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode schema = (ObjectNode) json.readTree(MetricDatapoint.getClassSchema().toString());
    ObjectNode field = ((ArrayNode) schema.get("fields")).addObject();
    field.put("name", "faultTestNote");
    field.putArray("type").add("null").add("string");
    field.putNull("default");
    this.schemaId = registry.register(metricsTopic + "-value", new Schema.Parser().parse(schema.toString()));
  }

  /**
   * {@code current} (Confluent wire format, current schema) re-written with the evolved schema id: the Avro
   * body of a record with one more trailing {@code ["null","string"]} field is the old body plus the union
   * branch index 0 (null), one zero byte.
   */
  byte[] evolve(byte[] current) {
    ByteBuffer out = ByteBuffer.allocate(current.length + 1);
    out.put((byte) 0).putInt(schemaId).put(current, 5, current.length - 5).put((byte) 0);
    return out.array();
  }

  int schemaId() {
    return schemaId;
  }
}

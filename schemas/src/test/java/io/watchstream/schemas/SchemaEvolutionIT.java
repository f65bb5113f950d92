package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.testkit.RealParts;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic contract can evolve the way the README promises, as judged by the real registry:
 * under BACKWARD, adding an optional field is accepted and adding a required field is rejected
 * (new readers could not read old data); under FULL, which also protects consumers that have not
 * upgraded, removing a required field is rejected too.
 */
class SchemaEvolutionIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Schema> everyContract() {
    return List.of(MetricSeriesKey.getClassSchema(), MetricDatapoint.getClassSchema(), LogStreamKey.getClassSchema(),
        LogEvent.getClassSchema(), AlertKey.getClassSchema(), AlertTransition.getClassSchema(),
        ScalingCommandKey.getClassSchema(), ScalingCommand.getClassSchema(), AnomalyScore.getClassSchema(),
        RuleRecord.getClassSchema());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyContract")
  void addingAnOptionalFieldIsBackwardCompatible(Schema schema) throws Exception {
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl());
    String subject = freshSubject(schema);
    int v1 = registry.register(subject, schema);
    registry.setCompatibility(subject, "BACKWARD");

    ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    ((ArrayNode) json.get("fields")).addObject().put("name", "addedLater").put("doc", "optional")
        .putNull("default").putArray("type").add("null").add("string");
    int v2 = registry.register(subject, new Schema.Parser().parse(json.toString()));

    assertThat(v2).isNotEqualTo(v1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyContract")
  void addingARequiredFieldIsRejectedUnderBackward(Schema schema) throws Exception {
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl());
    String subject = freshSubject(schema);
    registry.register(subject, schema);
    registry.setCompatibility(subject, "BACKWARD");

    ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    ((ArrayNode) json.get("fields")).addObject().put("name", "requiredLater").put("type", "string");
    Schema incompatible = new Schema.Parser().parse(json.toString());

    assertThatThrownBy(() -> registry.register(subject, incompatible))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyContract")
  void removingARequiredFieldIsRejectedUnderFull(Schema schema) throws Exception {
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl());
    String subject = freshSubject(schema);
    registry.register(subject, schema);
    registry.setCompatibility(subject, "FULL");

    ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    ArrayNode fields = (ArrayNode) json.get("fields");
    int required = -1;
    for (int i = 0; i < fields.size() && required < 0; i++) {
      if (!fields.get(i).has("default")) {
        required = i;
      }
    }
    fields.remove(required);
    Schema withoutRequiredField = new Schema.Parser().parse(json.toString());

    assertThatThrownBy(() -> registry.register(subject, withoutRequiredField))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue());
  }

  private static String freshSubject(Schema schema) {
    return "evolution-" + schema.getName() + "-" + UUID.randomUUID() + "-value";
  }
}

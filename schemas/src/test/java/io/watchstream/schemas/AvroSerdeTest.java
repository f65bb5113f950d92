package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.MetricDatapoint;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void writesMagicByteThenBigEndianSchemaIdThenAvro() {
    AvroSerde<MetricDatapoint> serde = AvroSerde.forValues(MetricDatapoint.class, registry);
    byte[] bytes = serde.serialize("metrics", SampleRecords.cpuDatapoint());

    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    assertThat(buffer.get()).isEqualTo((byte) 0);
    int id = buffer.getInt();
    assertThat(registry.getById(id)).isEqualTo(MetricDatapoint.getClassSchema());
    assertThat(serde.deserialize("metrics", bytes)).isEqualTo(SampleRecords.cpuDatapoint());
  }

  @Test
  void roundTripsAnAlertWithNullsInArraysAndLineage() {
    AvroSerde<AlertTransition> serde = AvroSerde.forValues(AlertTransition.class, registry);
    AlertTransition alert = SampleRecords.alert();
    assertThat(serde.deserialize("alerts", serde.serialize("alerts", alert))).isEqualTo(alert);
  }

  @Test
  void usesConfluentTopicNameStrategySubjects() {
    assertThat(AvroSerde.forKeys(MetricDatapoint.class, registry).subject("metrics")).isEqualTo("metrics-key");
    assertThat(AvroSerde.forValues(MetricDatapoint.class, registry).subject("metrics")).isEqualTo("metrics-value");
  }

  @Test
  void aRecordClaimingTwoBillionArrayItemsOrStringBytesIsABadRecordNotAnOutOfMemoryError() {
    AvroSerde<MetricDatapoint> serde = AvroSerde.forValues(MetricDatapoint.class, registry);
    byte[] real = serde.serialize("metrics", SampleRecords.cpuDatapoint());
    // namespace "A", metricName "B", then the dimensions array claims 2,000,000,000 items
    byte[] array = crafted(real, new byte[] {2, 'A', 2, 'B'}, 2_000_000_000L);
    assertThatThrownBy(() -> serde.deserialize("metrics", array)).isInstanceOf(SerializationException.class);
    // the namespace string claims 2,000,000,000 bytes
    byte[] string = crafted(real, new byte[0], 2_000_000_000L);
    assertThatThrownBy(() -> serde.deserialize("metrics", string)).isInstanceOf(SerializationException.class);
  }

  /** The wire-format header of {@code real}, {@code prefix}, then {@code claimed} as an Avro long and a few bytes. */
  private static byte[] crafted(byte[] real, byte[] prefix, long claimed) {
    ByteBuffer out = ByteBuffer.allocate(5 + prefix.length + 10 + 8).put(real, 0, 5).put(prefix);
    long zigzag = (claimed << 1) ^ (claimed >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      out.put((byte) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.put((byte) zigzag).put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    return java.util.Arrays.copyOf(out.array(), out.position());
  }

  @Test
  void keepsTombstonesNull() {
    AvroSerde<MetricDatapoint> serde = AvroSerde.forValues(MetricDatapoint.class, registry);
    assertThat(serde.serialize("metrics", null)).isNull();
    assertThat(serde.deserialize("metrics", null)).isNull();
  }

  @Test
  void rejectsBytesNotInConfluentWireFormatWithAClearMessage() {
    AvroSerde<MetricDatapoint> serde = AvroSerde.forValues(MetricDatapoint.class, registry);
    assertThatThrownBy(() -> serde.deserialize("metrics", "{\"json\":1}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("metrics").hasMessageContaining("magic byte 0");
    assertThatThrownBy(() -> serde.deserialize("metrics", new byte[] {0, 0}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("too short");
  }

  @Test
  void rejectsTruncatedAvroPayload() {
    AvroSerde<MetricDatapoint> serde = AvroSerde.forValues(MetricDatapoint.class, registry);
    byte[] bytes = serde.serialize("metrics", SampleRecords.cpuDatapoint());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 6);
    assertThatThrownBy(() -> serde.deserialize("metrics", truncated))
        .isInstanceOf(SerializationException.class).hasMessageContaining("MetricDatapoint");
  }

  @Test
  void readsRecordsWrittenWithAnOlderWriterSchemaMissingAnOptionalField() throws Exception {
    // An older producer that did not yet know 'unit': the reader fills in the default.
    Schema older = SchemaBuilder.record("MetricDatapoint").namespace("io.watchstream.avro").fields()
        .requiredString("namespace").requiredString("metricName")
        .name("dimensions").type().array().items(io.watchstream.avro.Dimension.getClassSchema()).noDefault()
        .name("timestamp").type(org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
        .requiredDouble("value").requiredString("statistic").requiredInt("periodSeconds").requiredString("source")
        .endRecord();
    int id = registry.register("metrics-value", older);
    GenericRecord record = new GenericData.Record(older);
    record.put("namespace", "AWS/EC2");
    record.put("metricName", "CPUUtilization");
    record.put("dimensions", java.util.List.of());
    record.put("timestamp", SampleRecords.T0.toEpochMilli());
    record.put("value", 12.5);
    record.put("statistic", "Average");
    record.put("periodSeconds", 60);
    record.put("source", "cloudwatch");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(older).write(record, encoder);
    encoder.flush();

    MetricDatapoint read = AvroSerde.forValues(MetricDatapoint.class, registry).deserialize("metrics", out.toByteArray());
    assertThat(read.getValue()).isEqualTo(12.5);
    assertThat(read.getUnit()).isNull();
    assertThat(read.getTimestamp()).isEqualTo(SampleRecords.T0);
  }
}

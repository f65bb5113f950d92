package io.watchstream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro records in the Confluent wire format: magic byte {@code 0}, the 4-byte
 * big-endian schema id, then Avro binary. Schemas are registered under the Confluent
 * {@code TopicNameStrategy} subjects ({@code <topic>-key} / {@code <topic>-value}), so any standard
 * Confluent deserializer reads what this writes, and vice versa.
 *
 * <p>Reading resolves the writer's schema (fetched by id, cached) against this class's schema, so
 * consumers keep working while producers add optional fields (BACKWARD compatible evolution).
 * A {@code null} payload stays {@code null} (tombstones on compacted topics).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static final byte MAGIC_BYTE = 0;

  /** Items one array or map of a decoded record may claim (an Object[] of this size is ~8 MB). */
  static final int MAX_COLLECTION_ITEMS = 1_000_000;
  /** Bytes one string or bytes field of a decoded record may claim; far above any record a broker accepts by default. */
  static final int MAX_FIELD_BYTES = 16 * 1024 * 1024;

  static {
    // A 20-byte record whose array or string claims two billion items made Avro allocate for them up front: an
    // OutOfMemoryError, which no exception handler catches, killed the stream thread on every retry. With limits,
    // Avro throws SystemLimitException (a bad record) instead. Avro reads these properties once, when it first
    // decodes; an operator's own -D settings win.
    setIfAbsent("org.apache.avro.limits.collectionItems.maxLength", MAX_COLLECTION_ITEMS);
    setIfAbsent("org.apache.avro.limits.string.maxLength", MAX_FIELD_BYTES);
    setIfAbsent("org.apache.avro.limits.bytes.maxLength", MAX_FIELD_BYTES);
  }

  private static void setIfAbsent(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }

  private final Class<T> type;
  private final SchemaRegistryClient registry;
  private final boolean isKey;
  private final Schema readerSchema;
  private final SpecificData model;
  private final SpecificDatumWriter<T> writer;
  private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

  private AvroSerde(Class<T> type, SchemaRegistryClient registry, boolean isKey) {
    this.type = type;
    this.registry = registry;
    this.isKey = isKey;
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.writer = new SpecificDatumWriter<>(readerSchema, model);
  }

  public static <T extends SpecificRecord> AvroSerde<T> forKeys(Class<T> type, SchemaRegistryClient registry) {
    return new AvroSerde<>(type, registry, true);
  }

  public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, SchemaRegistryClient registry) {
    return new AvroSerde<>(type, registry, false);
  }

  /** The Confluent TopicNameStrategy subject for this serde's side of {@code topic}. */
  public String subject(String topic) {
    return topic + (isKey ? "-key" : "-value");
  }

  public Class<T> type() {
    return type;
  }

  /**
   * Registers this serde's schema under {@code topic}'s subject (or fetches its id) now, so that writing to
   * {@code topic} later never needs the registry. Services call it at start-up for every topic they write.
   */
  public int registerFor(String topic) {
    Integer id = idsByTopic.get(topic);
    if (id == null) {
      // outside computeIfAbsent: the call may wait out a registry outage, which must not block the map
      id = registry.register(subject(topic), readerSchema);
      idsByTopic.putIfAbsent(topic, id);
    }
    return id;
  }

  /** Fetches the latest writer schema of {@code topic}'s subject into the registry client's cache; false if none. */
  public boolean prefetchLatest(String topic) {
    return registry.prefetchLatest(subject(topic)).isPresent();
  }

  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    int id = registerFor(topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(MAGIC_BYTE);
    out.write(id >>> 24);
    out.write(id >>> 16);
    out.write(id >>> 8);
    out.write(id);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot encode " + type.getSimpleName() + " for topic '" + topic + "': " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length < 5) {
      throw new SerializationException("Record on topic '" + topic + "' is " + bytes.length
          + " bytes, too short for the Confluent wire format (magic byte + 4-byte schema id + Avro)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte magic = buffer.get();
    if (magic != MAGIC_BYTE) {
      throw new SerializationException("Record on topic '" + topic + "' starts with byte " + magic
          + ", not the Confluent wire-format magic byte 0: it was not written by a schema-registry serializer");
    }
    int writerId = buffer.getInt();
    DatumReader<T> reader = readersByWriterId.get(writerId);
    if (reader == null) {
      // a registry that is away makes this wait (and then throw an "unavailable" SchemaRegistryException only
      // when the client closes); an unknown id throws at once: that record is bad
      Schema writerSchema = registry.getById(writerId);
      reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
      readersByWriterId.putIfAbsent(writerId, reader);
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot decode " + type.getSimpleName() + " (writer schema id " + writerId
          + ") from topic '" + topic + "': " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this::serialize;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::deserialize;
  }
}

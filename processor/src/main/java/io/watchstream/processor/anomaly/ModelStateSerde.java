package io.watchstream.processor.anomaly;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of an {@link AdaptiveBaseline} for a RocksDB state store and its changelog:
 * a format byte, the kind, the settings, then the model's fixed-size fields: 874 bytes for a robust
 * model and 10,130 bytes for a seasonal or auto one (daily + weekly profiles at 5-minute resolution as floats).
 * A restored model continues exactly where the saved one stopped (same scores for the same inputs).
 */
public final class ModelStateSerde implements Serde<AdaptiveBaseline> {

  static final byte FORMAT = 1;

  public static byte[] toBytes(AdaptiveBaseline m) {
    ByteBuffer out = ByteBuffer.allocate(sizeOf(m));
    out.put(FORMAT).put((byte) m.kind.ordinal());
    out.putDouble(m.settings.sensitivity()).putInt(m.settings.minTrainingPeriods());
    out.putLong(m.count).putLong(m.firstMillis).putLong(m.lastMillis).putDouble(m.lastValue).putDouble(m.quantum);
    m.robust.write(out);
    m.surprise.write(out);
    if (m.daily != null) {
      m.daily.write(out);
      m.weekly.write(out);
      m.dailyResidual.write(out);
      m.weeklyResidual.write(out);
    }
    return out.array();
  }

  public static AdaptiveBaseline fromBytes(byte[] bytes) {
    return fromBytes(bytes, null);
  }

  /** Restores a model; {@code settings}, when not null, replace the saved ones. */
  static AdaptiveBaseline fromBytes(byte[] bytes, AnomalySettings settings) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte format = in.get();
      if (format != FORMAT) {
        throw new SerializationException("unknown anomaly model state format " + format);
      }
      ModelKind kind = ModelKind.values()[in.get()];
      AnomalySettings saved = new AnomalySettings(in.getDouble(), in.getInt());
      AdaptiveBaseline m = new AdaptiveBaseline(kind, settings == null ? saved : settings);
      m.count = in.getLong();
      m.firstMillis = in.getLong();
      m.lastMillis = in.getLong();
      m.lastValue = in.getDouble();
      m.quantum = in.getDouble();
      m.robust.read(in);
      m.surprise.read(in);
      if (m.daily != null) {
        m.daily.read(in);
        m.weekly.read(in);
        m.dailyResidual.read(in);
        m.weeklyResidual.read(in);
      }
      if (in.hasRemaining()) {
        throw new SerializationException("anomaly model state has " + in.remaining() + " trailing bytes");
      }
      return m;
    } catch (java.nio.BufferUnderflowException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new SerializationException("truncated or corrupt anomaly model state (" + bytes.length + " bytes)", e);
    }
  }

  static int sizeOf(AdaptiveBaseline m) {
    int size = 2 + 12 + 5 * 8 + LocationScale.BYTES + SurpriseScorer.BYTES;
    if (m.daily != null) {
      size += m.daily.bytes() + m.weekly.bytes() + 2 * LocationScale.BYTES;
    }
    return size;
  }

  @Override
  public Serializer<AdaptiveBaseline> serializer() {
    return (topic, model) -> model == null ? null : toBytes(model);
  }

  @Override
  public Deserializer<AdaptiveBaseline> deserializer() {
    return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
  }
}

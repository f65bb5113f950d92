package io.watchstream.processor.topology;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.PeriodBucket;
import io.watchstream.processor.eval.SeriesState;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serde for {@link SeriesState}, the value of the {@value ProcessorTopology#SERIES_STORE}
 * store and its changelog. Every datapoint reads and writes one state per matching rule, so this is on
 * the hot path: JSON (de)serialisation of these states was most of the processor's cost.
 *
 * <p>Layout: a leading format byte ({@value #FORMAT_V1}), then the fields in declaration order —
 * strings as varint length + UTF-8, nullable values behind a presence byte, collections behind a varint
 * count. A value whose first byte is {@code '{'} is a state written by the earlier JSON serde and is still
 * read (through {@link JsonSerde}), so a store or changelog from before this format restores; new writes
 * are always binary. Any other leading byte is rejected as unreadable.
 */
public final class SeriesStateSerde implements Serde<SeriesState> {
  static final byte FORMAT_V1 = 1;
  private static final byte JSON_START = '{';
  private static final AlarmState[] STATES = AlarmState.values();

  private final JsonSerde<SeriesState> legacy = new JsonSerde<>(SeriesState.class);

  @Override
  public Serializer<SeriesState> serializer() {
    return (topic, value) -> value == null ? null : write(value);
  }

  @Override
  public Deserializer<SeriesState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == JSON_START) {
        return legacy.deserializer().deserialize(topic, bytes);
      }
      if (bytes.length == 0 || bytes[0] != FORMAT_V1) {
        throw new SerializationException("cannot read SeriesState: unknown format byte "
            + (bytes.length == 0 ? "(empty)" : Integer.toString(bytes[0])));
      }
      try {
        return read(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
      } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new SerializationException("cannot read SeriesState: truncated or corrupt", e);
      }
    };
  }

  static byte[] write(SeriesState s) {
    Out out = new Out(128 + 64 * s.buckets.size());
    out.b(FORMAT_V1);
    out.str(s.ruleId);
    out.varint(s.ruleVersion);
    out.varlong(s.periodMs);
    out.str(s.seriesKey);
    Map<String, String> dims = s.dimensions == null ? Map.of() : s.dimensions;
    out.varint(dims.size());
    for (Map.Entry<String, String> d : dims.entrySet()) {
      out.str(d.getKey());
      out.str(d.getValue());
    }
    out.b((byte) (s.state == null ? -1 : s.state.ordinal()));
    out.zlong(s.stateSince);
    out.zlong(s.evaluatedThrough);
    out.zlong(s.lastNotified);
    out.str(s.reason);
    out.varlong(s.lateDatapoints);
    out.varint(s.buckets.size());
    for (PeriodBucket b : s.buckets.values()) {
      out.zlong(b.start);
      out.b((byte) ((b.direct != null ? 1 : 0) | (b.decided ? 2 : 0) | (b.samples != null ? 4 : 0)));
      if (b.direct != null) {
        out.dbl(b.direct);
      }
      out.varlong(b.count);
      out.dbl(b.sum);
      out.dbl(b.min);
      out.dbl(b.max);
      if (b.samples != null) {
        out.varint(b.samples.size());
        for (Double v : b.samples) {
          out.dbl(v);
        }
      }
      out.varint(b.timestamps.size());
      for (Long t : b.timestamps) {
        out.zlong(t);
      }
      out.varint(b.inputs.size());
      for (InputPosition p : b.inputs) {
        out.str(p.topic());
        out.varint(p.partition());
        out.varlong(p.offset());
      }
    }
    return out.bytes();
  }

  static SeriesState read(ByteBuffer in) {
    SeriesState s = new SeriesState();
    s.ruleId = str(in);
    s.ruleVersion = (int) varlong(in);
    s.periodMs = varlong(in);
    s.seriesKey = str(in);
    int dims = count(in);
    TreeMap<String, String> dimensions = new TreeMap<>();
    for (int i = 0; i < dims; i++) {
      dimensions.put(str(in), str(in));
    }
    s.dimensions = dimensions;
    int state = in.get();
    s.state = state < 0 ? null : STATES[state];
    s.stateSince = zlong(in);
    s.evaluatedThrough = zlong(in);
    s.lastNotified = zlong(in);
    s.reason = str(in);
    s.lateDatapoints = varlong(in);
    int buckets = count(in);
    for (int i = 0; i < buckets; i++) {
      PeriodBucket b = new PeriodBucket();
      b.start = zlong(in);
      int flags = in.get();
      if ((flags & 1) != 0) {
        b.direct = in.getDouble();
      }
      b.decided = (flags & 2) != 0;
      b.count = varlong(in);
      b.sum = in.getDouble();
      b.min = in.getDouble();
      b.max = in.getDouble();
      if ((flags & 4) != 0) {
        int n = count(in);
        List<Double> samples = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          samples.add(in.getDouble());
        }
        b.samples = samples;
      }
      int nt = count(in);
      for (int j = 0; j < nt; j++) {
        b.timestamps.add(zlong(in));
      }
      int ni = count(in);
      for (int j = 0; j < ni; j++) {
        b.inputs.add(new InputPosition(str(in), (int) varlong(in), varlong(in)));
      }
      s.buckets.put(b.start, b);
    }
    return s;
  }

  private static int count(ByteBuffer in) {
    long n = varlong(in);
    if (n < 0 || n > in.remaining() + 1L) {
      throw new IllegalArgumentException("implausible count " + n);
    }
    return (int) n;
  }

  private static String str(ByteBuffer in) {
    long len = varlong(in) - 1; // 0 encodes null
    if (len < 0) {
      return null;
    }
    if (len > in.remaining()) {
      throw new IllegalArgumentException("string longer than the value");
    }
    String v = new String(in.array(), in.arrayOffset() + in.position(), (int) len, StandardCharsets.UTF_8);
    in.position(in.position() + (int) len);
    return v;
  }

  private static long zlong(ByteBuffer in) {
    long z = varlong(in);
    return (z >>> 1) ^ -(z & 1);
  }

  private static long varlong(ByteBuffer in) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  /** A growable byte buffer with the few encodings above; avoids a stream per value. */
  private static final class Out {
    private byte[] buf;
    private int pos;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
      }
    }

    void b(byte v) {
      ensure(1);
      buf[pos++] = v;
    }

    void varint(int v) {
      varlong(v & 0xFFFFFFFFL);
    }

    void varlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    void zlong(long v) {
      varlong((v << 1) ^ (v >> 63));
    }

    void dbl(double v) {
      ensure(8);
      long bits = Double.doubleToRawLongBits(v);
      for (int i = 7; i >= 0; i--) {
        buf[pos++] = (byte) (bits >>> (i * 8));
      }
    }

    void str(String v) {
      if (v == null) {
        varlong(0);
        return;
      }
      byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
      varlong(bytes.length + 1L);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      pos += bytes.length;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, pos);
    }
  }
}

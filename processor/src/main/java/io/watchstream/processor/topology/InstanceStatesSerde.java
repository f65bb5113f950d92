package io.watchstream.processor.topology;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.InstanceStates;
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
 * Compact binary serde for {@link InstanceStates}, the value of the {@value ProcessorTopology#METRIC_STATES_STORE}
 * store and its changelog. Every datapoint reads and writes one such value, so this is on the hot path.
 *
 * <p>Layout: a leading format byte ({@value #FORMAT}), the instance key and dimensions once, then each rule's
 * state — strings as varint length + UTF-8 (0 = null), collections behind a varint count, a series key as the
 * suffix after the instance key when it starts with it, an input's topic as "same as the previous one" when it
 * repeats, the state's times and bucket starts as deltas from its evaluation time (each bucket's from the one before),
 * a bucket's datapoint times relative to its start, and its sum/min/max only when it aggregated samples. The format byte differs from the one of
 * the earlier one-state-per-(rule, series) layout (1, or {@code '{'} for its JSON form), so a value of that
 * layout is rejected rather than misread.
 */
public final class InstanceStatesSerde implements Serde<InstanceStates> {
  static final byte FORMAT = 2;
  private static final AlarmState[] STATES = AlarmState.values();
  private static final int HAS_DIRECT = 1;
  private static final int DECIDED = 2;
  private static final int HAS_SAMPLES = 4;
  private static final int HAS_AGGREGATE = 8;
  /** Packed into the alarm-state byte: the reason is provisional (see SeriesState). */
  private static final int REASON_PROVISIONAL = 0x40;

  @Override
  public Serializer<InstanceStates> serializer() {
    return (topic, value) -> value == null ? null : write(value);
  }

  @Override
  public Deserializer<InstanceStates> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length == 0 || bytes[0] != FORMAT) {
        throw new SerializationException("cannot read InstanceStates: unknown format byte "
            + (bytes.length == 0 ? "(empty)" : Integer.toString(bytes[0])));
      }
      try {
        return read(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
      } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new SerializationException("cannot read InstanceStates: truncated or corrupt", e);
      }
    };
  }

  /** One growing buffer per thread: the value is copied out of it, so it is never shared beyond one write. */
  private static final ThreadLocal<Out> BUFFER = ThreadLocal.withInitial(() -> new Out(2048));

  static byte[] write(InstanceStates v) {
    Out out = BUFFER.get();
    out.reset();
    out.b(FORMAT);
    out.str(v.instanceKey);
    Map<String, String> dims = v.dimensions == null ? Map.of() : v.dimensions;
    out.varint(dims.size());
    for (Map.Entry<String, String> d : dims.entrySet()) {
      out.str(d.getKey());
      out.str(d.getValue());
    }
    out.varint(v.states.size());
    for (SeriesState s : v.states) {
      writeState(out, v.instanceKey, s);
    }
    return out.bytes();
  }

  private static void writeState(Out out, String instanceKey, SeriesState s) {
    out.str(s.ruleId);
    out.varint(s.ruleVersion);
    out.varlong(s.periodMs);
    if (s.seriesKey != null && instanceKey != null && s.seriesKey.startsWith(instanceKey)) {
      out.b((byte) 0);
      out.str(s.seriesKey.substring(instanceKey.length()));
    } else {
      out.b((byte) 1);
      out.str(s.seriesKey);
    }
    out.b((byte) (s.state == null ? -1 : s.state.ordinal() | (s.reasonProvisional ? REASON_PROVISIONAL : 0)));
    // the state's times lie close together: one absolute, the others (and the buckets) as small deltas from it
    long base = s.evaluatedThrough;
    out.zlong(base);
    out.zlong(s.stateSince - base);
    out.zlong(s.lastNotified - base);
    out.str(s.reason);
    out.varlong(s.lateDatapoints);
    out.varint(s.buckets.size());
    long previousStart = base;
    for (PeriodBucket b : s.buckets.values()) {
      boolean aggregate = b.count != 0 || b.sum != 0 || b.min != Double.POSITIVE_INFINITY || b.max != Double.NEGATIVE_INFINITY;
      out.zlong(b.start - previousStart); // buckets are one period apart: a small delta instead of an epoch time
      previousStart = b.start;
      out.b((byte) ((b.direct != null ? HAS_DIRECT : 0) | (b.decided ? DECIDED : 0) | (b.samples != null ? HAS_SAMPLES : 0)
          | (aggregate ? HAS_AGGREGATE : 0)));
      if (b.direct != null) {
        out.dbl(b.direct);
      }
      if (aggregate) {
        out.varlong(b.count);
        out.dbl(b.sum);
        out.dbl(b.min);
        out.dbl(b.max);
      }
      if (b.samples != null) {
        out.varint(b.samples.size());
        for (Double x : b.samples) {
          out.dbl(x);
        }
      }
      out.varint(b.timestamps.size());
      for (Long t : b.timestamps) {
        out.zlong(t - b.start);
      }
      out.varint(b.inputs.size());
      for (InputPosition p : b.inputs) {
        out.topic(p.topic());
        out.varint(p.partition());
        out.varlong(p.offset());
      }
    }
  }

  static InstanceStates read(ByteBuffer in) {
    InstanceStates v = new InstanceStates();
    v.instanceKey = str(in);
    int dims = count(in);
    TreeMap<String, String> dimensions = new TreeMap<>();
    for (int i = 0; i < dims; i++) {
      dimensions.put(str(in), str(in));
    }
    v.dimensions = dimensions;
    int n = count(in);
    String[] lastTopic = {null};
    for (int i = 0; i < n; i++) {
      v.states.add(readState(in, v, lastTopic));
    }
    return v;
  }

  private static SeriesState readState(ByteBuffer in, InstanceStates v, String[] lastTopic) {
    SeriesState s = new SeriesState();
    s.ruleId = str(in);
    s.ruleVersion = (int) varlong(in);
    s.periodMs = varlong(in);
    boolean full = in.get() != 0;
    String key = str(in);
    s.seriesKey = full || key == null ? key : v.instanceKey + key;
    s.dimensions = v.dimensions;
    int state = in.get();
    s.state = state < 0 ? null : STATES[state & ~REASON_PROVISIONAL];
    s.reasonProvisional = state >= 0 && (state & REASON_PROVISIONAL) != 0;
    long base = zlong(in);
    s.evaluatedThrough = base;
    s.stateSince = base + zlong(in);
    s.lastNotified = base + zlong(in);
    s.reason = str(in);
    s.lateDatapoints = varlong(in);
    int buckets = count(in);
    long previousStart = base;
    for (int i = 0; i < buckets; i++) {
      PeriodBucket b = new PeriodBucket();
      b.start = previousStart + zlong(in);
      previousStart = b.start;
      int flags = in.get();
      if ((flags & HAS_DIRECT) != 0) {
        b.direct = in.getDouble();
      }
      b.decided = (flags & DECIDED) != 0;
      if ((flags & HAS_AGGREGATE) != 0) {
        b.count = varlong(in);
        b.sum = in.getDouble();
        b.min = in.getDouble();
        b.max = in.getDouble();
      }
      if ((flags & HAS_SAMPLES) != 0) {
        int ns = count(in);
        List<Double> samples = new ArrayList<>(ns);
        for (int j = 0; j < ns; j++) {
          samples.add(in.getDouble());
        }
        b.samples = samples;
      }
      int nt = count(in);
      for (int j = 0; j < nt; j++) {
        b.timestamps.add(b.start + zlong(in));
      }
      int ni = count(in);
      for (int j = 0; j < ni; j++) {
        long ref = varlong(in);
        String topic;
        if (ref == 0) {
          topic = lastTopic[0];
        } else {
          topic = ref == 1 ? null : utf8(in, ref - 2);
          lastTopic[0] = topic;
        }
        b.inputs.add(new InputPosition(topic, (int) varlong(in), varlong(in)));
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
    return len < 0 ? null : utf8(in, len);
  }

  private static String utf8(ByteBuffer in, long len) {
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
    private String lastTopic;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    void reset() {
      pos = 0;
      lastTopic = null;
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

    /** A topic name: 0 when it repeats the previous one written into this value (lineage repeats it a lot). */
    void topic(String v) {
      if (v != null && v.equals(lastTopic)) {
        varlong(0);
        return;
      }
      lastTopic = v;
      if (v == null) {
        varlong(1);
      } else {
        raw(v, 2);
      }
    }

    void str(String v) {
      if (v == null) {
        varlong(0);
      } else {
        raw(v, 1);
      }
    }

    private void raw(String v, long offset) {
      byte[] bytes = v.getBytes(StandardCharsets.UTF_8); // for ASCII text the JDK copies its bytes in bulk
      varlong(bytes.length + offset);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      pos += bytes.length;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, pos);
    }
  }
}

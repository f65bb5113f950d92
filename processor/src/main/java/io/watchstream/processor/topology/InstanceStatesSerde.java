package io.watchstream.processor.topology;

import static io.watchstream.processor.topology.CompactIn.count;
import static io.watchstream.processor.topology.CompactIn.str;
import static io.watchstream.processor.topology.CompactIn.varlong;
import static io.watchstream.processor.topology.CompactIn.zlong;

import io.watchstream.avro.AlarmState;
import io.watchstream.processor.eval.InstanceStates;
import io.watchstream.processor.eval.PeriodBucket;
import io.watchstream.processor.eval.SeriesState;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
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
 * layout is rejected rather than misread. The encodings are {@link CompactOut}/{@link CompactIn}; a bucket's part
 * of the layout is {@link PeriodBucketCodec}.
 */
public final class InstanceStatesSerde implements Serde<InstanceStates> {
  static final byte FORMAT = 2;
  private static final AlarmState[] STATES = AlarmState.values();
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
  private static final ThreadLocal<CompactOut> BUFFER = ThreadLocal.withInitial(() -> new CompactOut(2048));

  static byte[] write(InstanceStates v) {
    CompactOut out = BUFFER.get();
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

  private static void writeState(CompactOut out, String instanceKey, SeriesState s) {
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
      PeriodBucketCodec.write(out, b, previousStart);
      previousStart = b.start;
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
      PeriodBucket b = PeriodBucketCodec.read(in, previousStart, lastTopic);
      previousStart = b.start;
      s.buckets.put(b.start, b);
    }
    return s;
  }
}

package io.watchstream.processor.topology;

import static io.watchstream.processor.topology.CompactIn.count;
import static io.watchstream.processor.topology.CompactIn.varlong;
import static io.watchstream.processor.topology.CompactIn.zlong;

import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.eval.PeriodBucket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link PeriodBucket} inside an {@link InstanceStatesSerde} value: its start as a delta from the bucket before
 * (buckets are one period apart), a flags byte, then only the parts it has — the direct value, the sum/min/max when
 * it aggregated samples, the samples — and its datapoint times relative to its start and its input positions.
 */
final class PeriodBucketCodec {
  private static final int HAS_DIRECT = 1;
  private static final int DECIDED = 2;
  private static final int HAS_SAMPLES = 4;
  private static final int HAS_AGGREGATE = 8;

  private PeriodBucketCodec() {}

  static void write(CompactOut out, PeriodBucket b, long previousStart) {
    boolean aggregate = b.count != 0 || b.sum != 0 || b.min != Double.POSITIVE_INFINITY || b.max != Double.NEGATIVE_INFINITY;
    out.zlong(b.start - previousStart); // buckets are one period apart: a small delta instead of an epoch time
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

  static PeriodBucket read(ByteBuffer in, long previousStart, String[] lastTopic) {
    PeriodBucket b = new PeriodBucket();
    b.start = previousStart + zlong(in);
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
      String topic = CompactIn.topic(in, lastTopic);
      b.inputs.add(new InputPosition(topic, (int) varlong(in), varlong(in)));
    }
    return b;
  }
}

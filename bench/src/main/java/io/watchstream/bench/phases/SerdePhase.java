package io.watchstream.bench.phases;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.schemas.TopicSpec;
import java.util.Locale;

/**
 * Encode and decode throughput of the metrics value serde (Confluent wire format, schema id from the real
 * registry, cached after the first call), single thread. The JMH benchmarks measure the same with proper warm-up;
 * this row is the in-run figure next to the Streams numbers.
 */
public final class SerdePhase implements Phase {

  @Override
  public String name() {
    return "serde";
  }

  @Override
  public void run(BenchContext context) {
    int n = context.settings().serdeRecords();
    TopicSpec<?, MetricDatapoint> metrics = context.topics("serde.").metrics();
    MetricDatapoint[] values = new MetricDatapoint[1024];
    for (int i = 0; i < values.length; i++) {
      values[i] = SyntheticSeries.datapoint(i, 1_700_000_000_000L + i * 60_000L, SyntheticSeries.calmValue(i, i));
    }
    byte[][] encoded = new byte[values.length][];
    // Warm-up: the first call registers the schema; JIT the rest.
    for (int i = 0; i < 50_000; i++) {
      encoded[i % values.length] = metrics.valueSerde().serializer().serialize(metrics.name(), values[i % values.length]);
      metrics.valueSerde().deserializer().deserialize(metrics.name(), encoded[i % values.length]);
    }
    long began = System.nanoTime();
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      byte[] b = metrics.valueSerde().serializer().serialize(metrics.name(), values[i % values.length]);
      bytes += b.length;
      encoded[i % values.length] = b;
    }
    double encodeSeconds = (System.nanoTime() - began) / 1e9;
    began = System.nanoTime();
    double checksum = 0;
    for (int i = 0; i < n; i++) {
      checksum += metrics.valueSerde().deserializer().deserialize(metrics.name(), encoded[i % values.length]).getValue();
    }
    double decodeSeconds = (System.nanoTime() - began) / 1e9;
    if (Double.isNaN(checksum)) {
      throw new IllegalStateException("decoded values are corrupt");
    }
    context.table().add("serde encode MetricDatapoint", rate(n / encodeSeconds),
        String.format(Locale.ROOT, "%,d records, %d bytes each, 1 thread", n, bytes / n));
    context.table().add("serde decode MetricDatapoint", rate(n / decodeSeconds),
        String.format(Locale.ROOT, "%,d records, 1 thread", n));
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f /s", perSecond);
  }
}

package io.watchstream.bench.jmh;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.schemas.AvroSerde;
import io.watchstream.schemas.InMemorySchemaRegistryClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encode and decode of one metrics value in the Confluent wire format (schema id cached after the first call). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SerdeBenchmark {

  private AvroSerde<MetricDatapoint> serde;
  private MetricDatapoint datapoint;
  private byte[] encoded;

  @Setup
  public void setUp() {
    serde = AvroSerde.forValues(MetricDatapoint.class, new InMemorySchemaRegistryClient());
    datapoint = SyntheticSeries.datapoint(42, 1_700_000_040_000L, 73.5);
    encoded = serde.serialize("metrics", datapoint);
  }

  @Benchmark
  public byte[] encodeMetricDatapoint() {
    return serde.serialize("metrics", datapoint);
  }

  @Benchmark
  public MetricDatapoint decodeMetricDatapoint() {
    return serde.deserialize("metrics", encoded);
  }
}

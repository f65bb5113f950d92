package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesKeysTest {

  @Test
  void canonicalKeySortsDimensionsSoEqualSeriesGetEqualKeys() {
    MetricDatapoint a = SampleRecords.cpuDatapoint();
    a.setDimensions(List.of(new Dimension("path", "/"), new Dimension("InstanceId", "i-1"), new Dimension("device", "xvda1")));
    assertThat(SeriesKeys.canonical(a)).isEqualTo("AWS/EC2/CPUUtilization{InstanceId=i-1,device=xvda1,path=/}/Average/60");
    MetricDatapoint b = SampleRecords.cpuDatapoint();
    b.setDimensions(List.of(new Dimension("device", "xvda1"), new Dimension("path", "/"), new Dimension("InstanceId", "i-1")));
    assertThat(SeriesKeys.of(a)).isEqualTo(SeriesKeys.of(b));
    assertThat(AvroSerde.forKeys(io.watchstream.avro.MetricSeriesKey.class, new InMemorySchemaRegistryClient())
        .serialize("metrics", SeriesKeys.of(a)))
        .isEqualTo(AvroSerde.forKeys(io.watchstream.avro.MetricSeriesKey.class, new InMemorySchemaRegistryClient())
            .serialize("metrics", SeriesKeys.of(b)));
  }
}

package io.watchstream.bench.phases;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.TopicSpec;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline the processor is compared with: reads the metrics topic with the same Avro serdes, does nothing,
 * and writes every record to a sink topic. It pays what any Streams application on this topic pays (fetch,
 * decode, encode, produce, exactly-once commits), so the ratio isolates the cost of rule evaluation and state.
 */
public final class PassThroughTopology {

  private PassThroughTopology() {
  }

  public static Topology build(TopicSpec<MetricSeriesKey, MetricDatapoint> metrics, String sinkTopic) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(metrics.name(), Consumed.with(metrics.keySerde(), metrics.valueSerde()).withName("bench-source"))
        .to(sinkTopic, Produced.with(metrics.keySerde(), metrics.valueSerde()).withName("bench-sink"));
    return builder.build();
  }
}

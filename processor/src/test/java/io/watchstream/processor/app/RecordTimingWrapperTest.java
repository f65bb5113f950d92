package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The wrapper is applied through {@code processor.wrapper.class} and times each record while it is processed. */
class RecordTimingWrapperTest {

  @Test
  void aRecordIsInFlightWithItsProcessorAndSourceWhileItIsProcessedAndNotAfter() {
    InFlightRecords inFlight = new InFlightRecords();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wrapper-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, RecordTimingWrapper.class.getName());
    props.put(RecordTimingWrapper.IN_FLIGHT_CONFIG, inFlight);
    List<List<InFlightRecords.Stuck>> seenInside = new ArrayList<>();

    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .process(() -> new ContextualProcessor<String, String, String, String>() {
          @Override
          public void process(Record<String, String> record) {
            seenInside.add(inFlight.stuckLongerThan(Duration.ZERO));
            context().forward(record);
          }
        }, Named.as("observer"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));

    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");
      assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readValue()).isEqualTo("v");
    }
    assertThat(seenInside).singleElement().satisfies(stuck -> assertThat(stuck).singleElement().satisfies(s -> {
      assertThat(s.processor()).isEqualTo("observer");
      assertThat(s.source()).isEqualTo("in-0@0");
    }));
    assertThat(inFlight.stuckLongerThan(Duration.ZERO)).isEmpty();
    assertThat(inFlight.longestInFlight()).isZero();
  }
}

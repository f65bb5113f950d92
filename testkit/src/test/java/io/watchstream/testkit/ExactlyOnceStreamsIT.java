package io.watchstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.sandbox.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared broker runs a Kafka Streams application with exactly_once_v2 and a RocksDB store. */
class ExactlyOnceStreamsIT {

  @Test
  void exactlyOnceCountIsCommittedToTheOutputTopic(@TempDir Path stateDir) throws Exception {
    EmbeddedKafka kafka = RealParts.kafka();
    String suffix = UUID.randomUUID().toString();
    String input = "eos-in-" + suffix;
    String output = "eos-out-" + suffix;
    kafka.createTopic(input, 2);
    kafka.createTopic(output, 2);

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey(Grouped.as("by-key"))
        .count(Named.as("count"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
        .toStream()
        .to(output, Produced.with(Serdes.String(), Serdes.Long()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-" + suffix);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(
          Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
        for (String key : List.of("a", "b", "a", "a", "b")) {
          producer.send(new ProducerRecord<>(input, key, "x")).get();
        }
      }

      Map<String, Long> latest = new HashMap<>();
      Map<String, Object> consumerProps = kafka.clientProperties();
      consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + suffix);
      consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new LongDeserializer())) {
        consumer.subscribe(List.of(output));
        await().atMost(Duration.ofSeconds(60))
            .failFast("streams stopped", () -> streams.state() == KafkaStreams.State.ERROR
                || streams.state() == KafkaStreams.State.PENDING_ERROR
                || streams.state() == KafkaStreams.State.NOT_RUNNING)
            .until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
          return Map.of("a", 3L, "b", 2L).equals(latest);
        });
      }
    }
  }
}

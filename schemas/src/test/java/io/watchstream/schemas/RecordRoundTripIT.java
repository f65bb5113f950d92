package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.testkit.RealParts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record type goes through the real broker and the real registry and comes back equal, read by a
 * consumer whose registry client has an empty cache (so the schema really is fetched by id).
 */
class RecordRoundTripIT {

  static List<Arguments> everyRecordType() {
    return List.of(
        Arguments.of("metrics", SampleRecords.cpuKey(), SampleRecords.cpuDatapoint()),
        Arguments.of("logs", SampleRecords.logKey(), SampleRecords.logEvent()),
        Arguments.of("alerts", SampleRecords.alertKey(), SampleRecords.alert()),
        Arguments.of("scaling-commands", SampleRecords.scalingKey(), SampleRecords.scalingCommand()),
        Arguments.of("anomaly-scores", SampleRecords.cpuKey(), SampleRecords.anomalyScore()),
        Arguments.of("rules", SampleRecords.alertKey(), SampleRecords.ruleRecord()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  <K extends SpecificRecord, V extends SpecificRecord> void roundTripsThroughBrokerAndRegistry(String name, K key, V value) {
    String topic = "roundtrip-" + name + "-" + UUID.randomUUID();
    RealParts.kafka().createTopic(topic, 1);
    String registryUrl = RealParts.registry().ccompatUrl();

    @SuppressWarnings("unchecked") Class<K> keyType = (Class<K>) key.getClass();
    @SuppressWarnings("unchecked") Class<V> valueType = (Class<V>) value.getClass();
    SchemaRegistryClient writerRegistry = new HttpSchemaRegistryClient(registryUrl);
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealParts.kafka().bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        AvroSerde.forKeys(keyType, writerRegistry).serializer(), AvroSerde.forValues(valueType, writerRegistry).serializer())) {
      producer.send(new ProducerRecord<>(topic, key, value));
      producer.flush();
    }

    SchemaRegistryClient readerRegistry = new HttpSchemaRegistryClient(registryUrl);
    List<ConsumerRecord<K, V>> read = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealParts.kafka().bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        AvroSerde.forKeys(keyType, readerRegistry).deserializer(), AvroSerde.forValues(valueType, readerRegistry).deserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    assertThat(read).hasSize(1);
    assertThat(read.get(0).key()).isEqualTo(key);
    assertThat(read.get(0).value()).isEqualTo(value);
  }
}

package io.watchstream.bench.faults;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics of one fault test (a unique prefix) and helpers to write datapoints and read alerts back. */
final class Pipeline implements AutoCloseable {

  final EmbeddedKafka kafka;
  final String registryUrl;
  final Topics topics;
  final String prefix;
  private final KafkaProducer<byte[], byte[]> producer;

  Pipeline(EmbeddedKafka kafka, String registryUrl, String name, int partitions) {
    this(kafka, registryUrl, name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    io.watchstream.pipeline.Pipeline.ensureTopics(kafka.bootstrapServers(), topics.names(), partitions);
  }

  private Pipeline(EmbeddedKafka kafka, String registryUrl, String prefix) {
    this.kafka = kafka;
    this.registryUrl = registryUrl;
    this.prefix = prefix;
    this.topics = new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(registryUrl));
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The same topics with a new producer and a new registry client (no cached schema ids). */
  Pipeline reconnected() {
    return new Pipeline(kafka, registryUrl, prefix);
  }

  String bootstrap() {
    return kafka.bootstrapServers();
  }

  void datapoint(int series, Instant period, double value) {
    var m = topics.metrics();
    producer.send(new ProducerRecord<>(m.name(), null, period.toEpochMilli(),
        m.keySerde().serializer().serialize(m.name(), SyntheticSeries.key(series)),
        m.valueSerde().serializer().serialize(m.name(), SyntheticSeries.datapoint(series, period.toEpochMilli(), value))));
  }

  void raw(String topic, long timestamp, byte[] key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
  }

  void raw(String topic, byte[] key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  void flush() {
    producer.flush();
  }

  /** Every committed alert on the alerts topic, decoded. */
  List<AlertTransition> alerts() {
    var a = topics.alerts();
    return TopicCounts.readAll(bootstrap(), a.name()).stream()
        .map(r -> a.valueSerde().deserializer().deserialize(a.name(), r.value())).toList();
  }

  AlertKey alertKey(byte[] bytes) {
    return topics.alerts().keySerde().deserializer().deserialize(topics.alerts().name(), bytes);
  }

  @Override
  public void close() {
    producer.close();
  }
}

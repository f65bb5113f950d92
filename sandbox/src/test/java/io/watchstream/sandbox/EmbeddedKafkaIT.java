package io.watchstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs its own broker (not the shared one) because it restarts it. */
class EmbeddedKafkaIT {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void producedRecordsAreConsumedInOrder() throws Exception {
    String topic = "plain-" + UUID.randomUUID();
    kafka.createTopic(topic, 3);
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "key", "value-" + i)).get();
      }
    }
    assertThat(consume(topic, 10, "read_uncommitted")).extracting(ConsumerRecord::value)
        .containsExactly("value-0", "value-1", "value-2", "value-3", "value-4",
            "value-5", "value-6", "value-7", "value-8", "value-9");
  }

  @Test
  void transactionalProducerCommitsAndAbortsAreVisibleToReadCommittedConsumers() throws Exception {
    String topic = "tx-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();
    }
    assertThat(consume(topic, 2, "read_committed")).extracting(ConsumerRecord::value)
        .containsExactly("committed-1", "committed-2");
  }

  @Test
  void compactedTopicHasCompactCleanupPolicy() throws Exception {
    String topic = "compacted-" + UUID.randomUUID();
    kafka.createCompactedTopic(topic, 2);
    kafka.createCompactedTopic(topic, 2); // idempotent
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      ConfigEntry policy = admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy");
      assertThat(policy.value()).isEqualTo("compact");
      assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(2);
    }
  }

  @Test
  void restartKeepsTopicsAndRecordsOnTheSamePort() throws Exception {
    String topic = "restart-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    String before = kafka.bootstrapServers();
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "before-restart")).get();
    }
    kafka.restart();
    assertThat(kafka.bootstrapServers()).isEqualTo(before);
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      assertThat(admin.listTopics().names().get()).contains(topic);
    }
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "after-restart")).get();
    }
    assertThat(consume(topic, 2, "read_uncommitted")).extracting(ConsumerRecord::value)
        .containsExactly("before-restart", "after-restart");
  }

  @Test
  void givenDataDirIsKeptOnCloseAndReusedByTheNextBroker(@TempDir Path dataDir) throws Exception {
    EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withDataDir(dataDir)
        .withBrokerConfig("log.retention.hours", "1");
    try (EmbeddedKafka first = EmbeddedKafka.start(options)) {
      first.createTopic("kept", 1);
    }
    try (EmbeddedKafka second = EmbeddedKafka.start(options);
        Admin admin = Admin.create(second.clientProperties())) {
      assertThat(admin.listTopics().names().get()).contains("kept");
    }
  }

  @Test
  void busyFixedPortFailsWithTheAddressInTheMessage() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withPort(busy.getLocalPort());
      assertThatThrownBy(() -> EmbeddedKafka.start(options))
          .hasMessageContaining("127.0.0.1:" + busy.getLocalPort());
    }
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putAll(extra);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int expected, String isolation) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (records.size() < expected && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // One more short poll: an extra record (e.g. an aborted one leaking through) must fail the test.
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
        : Long.compare(a.offset(), b.offset()));
    return records;
  }
}

package io.watchstream.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TopicSetup and CompactedTopicReader against the real (embedded) broker. */
class TopicSetupIT {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void createsMissingTopicsOnceAndReportsAnExistingTopicThatIsNotCompacted() throws Exception {
    TopicNames names = TopicNames.withPrefix("setup.");
    kafka.createTopic("setup.silences", 1);
    TopicSetup.Outcome first = TopicSetup.ensure(kafka.clientProperties(), names, TopicCatalogue.NOTIFIER,
        TopicSetup.Settings.of(2).withReplicationFactor((short) 1));
    assertThat(first.created()).containsExactlyInAnyOrder("setup.notifier-state", "setup.alerts.dlq");
    assertThat(first.mismatches()).containsExactly("setup.silences: cleanup.policy is delete, the catalogue says compact");
    TopicSetup.Outcome again = TopicSetup.ensure(kafka.clientProperties(), names, TopicCatalogue.NOTIFIER,
        TopicSetup.Settings.of(2));
    assertThat(again.created()).isEmpty();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Map<String, TopicDescription> d = admin.describeTopics(List.of("setup.notifier-state", "setup.alerts.dlq")).allTopicNames().get();
      assertThat(d.get("setup.notifier-state").partitions()).hasSize(1);
      assertThat(d.get("setup.alerts.dlq").partitions()).hasSize(2);
      ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, "setup.notifier-state");
      assertThat(admin.describeConfigs(List.of(state)).all().get().get(state).get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void theReaderSeesTheLatestValuePerKeyAndFollowsNewRecords() throws Exception {
    TopicNames names = TopicNames.withPrefix("reader.");
    TopicSetup.ensure(kafka.clientProperties(), names, List.of(TopicCatalogue.NOTIFIER_STATE), TopicSetup.Settings.of(1));
    String topic = TopicCatalogue.NOTIFIER_STATE.name(names);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "a", "1")).get();
      producer.send(new ProducerRecord<>(topic, "b", "2")).get();
      producer.send(new ProducerRecord<>(topic, "a", null)).get();
      Map<String, String> table = new HashMap<>();
      try (CompactedTopicReader<String, String> reader = CompactedTopicReader.strings(kafka.clientProperties(), topic)) {
        CompactedTopicReader.RecordHandler<String, String> apply = (k, v) -> {
          if (v == null) {
            table.remove(k);
          } else {
            table.put(k, v);
          }
        };
        assertThat(reader.catchUp(Duration.ofSeconds(30), apply)).isEqualTo(3);
        assertThat(table).containsOnly(Map.entry("b", "2"));
        producer.send(new ProducerRecord<>(topic, "c", "3")).get();
        assertThat(reader.catchUp(Duration.ofSeconds(30), apply)).isEqualTo(1);
        assertThat(table).containsOnly(Map.entry("b", "2"), Map.entry("c", "3"));
      }
    }
  }
}

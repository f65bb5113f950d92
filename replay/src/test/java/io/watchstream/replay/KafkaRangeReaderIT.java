package io.watchstream.replay;

import static io.watchstream.avro.AlarmState.ALARM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay of a time range of the metrics/logs topics on the real broker and the real Apicurio registry:
 * offsetsForTimes bounds the range per partition, records are decoded with the pipeline's serdes,
 * nothing is committed (no consumer group appears), and published outputs land only on the replay's own topics.
 */
class KafkaRangeReaderIT {

  static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  static final long MIN = 60_000;
  static final String RUN = "replay-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  static EmbeddedKafka kafka;
  static String registryUrl;
  static TopicNames names;

  @TempDir Path dir;

  @BeforeAll
  static void produceTwoHoursOfTwoSeries() throws Exception {
    kafka = RealParts.kafka();
    registryUrl = RealParts.registry().ccompatUrl();
    names = TopicNames.withPrefix(RUN);
    kafka.createTopic(names.metrics(), 3);
    kafka.createTopic(names.logs(), 1);
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(registryUrl));
    try (KafkaProducer<MetricSeriesKey, MetricDatapoint> p = new KafkaProducer<>(kafka.clientProperties(),
        topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer())) {
      for (int i = 0; i < 120; i++) {
        for (String host : List.of("i-1", "i-2")) {
          // i-1 runs hot from minute 40 to 59
          double v = host.equals("i-1") && i >= 40 && i < 60 ? 95 : 20;
          MetricDatapoint d = MetricDatapoint.newBuilder().setNamespace("AWS/EC2").setMetricName("CPUUtilization")
              .setDimensions(List.of(new Dimension("InstanceId", host))).setTimestamp(Instant.ofEpochMilli(T0 + i * MIN))
              .setValue(v).setUnit("Percent").setStatistic("Average").setPeriodSeconds(60).setSource("cloudwatch").build();
          p.send(new ProducerRecord<>(names.metrics(), null, T0 + i * MIN, SeriesKeys.of(d), d));
        }
      }
      p.flush();
    }
  }

  ReplayRequest.Kafka range(long fromMin, long toMin) {
    return new ReplayRequest.Kafka(kafka.bootstrapServers(), registryUrl, names.metrics(), names.logs(),
        Instant.ofEpochMilli(T0 + fromMin * MIN), Instant.ofEpochMilli(T0 + toMin * MIN));
  }

  @Test
  void readsExactlyTheTimeRangeInEventTimeOrderWithoutJoiningAGroup() throws Exception {
    List<ReplayRecord> records = KafkaRangeReader.read(range(30, 90));
    assertThat(records).hasSize(2 * 60);
    assertThat(records.get(0).timestamp()).isEqualTo(T0 + 30 * MIN);
    assertThat(records.get(records.size() - 1).timestamp()).isEqualTo(T0 + 89 * MIN);
    assertThat(records).extracting(ReplayRecord::timestamp).isSorted();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      assertThat(admin.listConsumerGroups().all().get()).noneMatch(g -> g.groupId().contains("replay"));
    }
  }

  @Test
  void anEmptyRangeIsAClearError() {
    assertThatThrownBy(() -> KafkaRangeReader.read(range(500, 600)))
        .isInstanceOf(ReplayInputException.class).hasMessageStartingWith("no records in kafka " + names.metrics());
  }

  @Test
  void replayOfTheRangeRaisesTheAlarmTheRuleWouldHaveRaised() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - id: cpu-high
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            period: 60s
            comparison: ">"
            threshold: 50
            evaluationPeriods: 3
        """);
    ReplayRequest.Kafka in = range(0, 120);
    ReplayRequest.Kafka publishing = new ReplayRequest.Kafka(in.bootstrapServers(), in.schemaRegistryUrl(), in.metricsTopic(),
        in.logsTopic(), in.from(), in.to(), true);
    String own = RUN + "own.";
    Replay.Outcome o = new Replay()
        .run(new ReplayRequest(publishing, rules, null, null, null, dir.resolve("s.json"), null, own));
    assertThat(o.runs().get(0).transitions()).filteredOn(t -> t.to() == ALARM).singleElement().satisfies(t -> {
      assertThat(t.seriesKey()).contains("i-1");
      assertThat(t.time()).isEqualTo(T0 + 43 * MIN); // third hot minute (42) closes at 43
    });
    assertThat(o.summary().input().source()).startsWith("kafka " + names.metrics());

    // the outputs went to the replay's own topic, with the pipeline's serdes, and nowhere else
    Topics ownTopics = new Topics(TopicNames.withPrefix(own + "rules."), new HttpSchemaRegistryClient(registryUrl));
    List<AlertTransition> published = new ArrayList<>();
    try (KafkaConsumer<AlertKey, AlertTransition> c = new KafkaConsumer<>(kafka.clientProperties(),
        ownTopics.alerts().keySerde().deserializer(), ownTopics.alerts().valueSerde().deserializer())) {
      TopicPartition tp = new TopicPartition(ownTopics.names().alerts(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(r -> published.add(r.value()));
        return published.size() >= o.runs().get(0).transitions().size();
      });
    }
    assertThat(published).hasSize(o.runs().get(0).transitions().size())
        .filteredOn(t -> t.getToState() == ALARM).singleElement()
        .satisfies(t -> assertThat(t.getTransitionTime()).isEqualTo(Instant.ofEpochMilli(T0 + 43 * MIN)));
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      assertThat(admin.listTopics().names().get()).doesNotContain(names.alerts(), names.scalingCommands());
    }
  }
}

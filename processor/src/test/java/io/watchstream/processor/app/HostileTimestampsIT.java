package io.watchstream.processor.app;

import static io.watchstream.processor.app.ProcessorIT.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.RecordBounds;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real broker and registry: a datapoint stamped 90 minutes ahead (inside CloudWatch's 2 h) and one stamped
 * in the year 9999 no longer stop alerting. The client stays RUNNING with the same stream thread, an ordinary
 * series' transitions still arrive, the 90-minute one alerts with a timestamp the broker accepts, and the year-9999
 * one is in {@code metrics.late} with complete headers. A datapoint one rule fails on and a tombstone are in
 * {@code metrics.dlq}, raw, with complete headers (the rule id for the first), and {@code /rules} shows that rule
 * degraded.
 */
class HostileTimestampsIT {

  static final String RULES = """
      rules:
        - { id: cpu-high, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
            period: 60s, statistic: Average, comparison: ">", threshold: 50, evaluationPeriods: 1, datapointsToAlarm: 1,
            treatMissingData: missing }
        - { id: count, kind: threshold, metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } },
            period: 60s, statistic: SampleCount, comparison: ">", threshold: 100, evaluationPeriods: 1, datapointsToAlarm: 1 }
      """;

  @Test
  void datapointsStampedFarAheadNeitherStopAlertingNorReachState(@TempDir Path state) throws Exception {
    EmbeddedKafka kafka = RealParts.kafka();
    String registryUrl = RealParts.registry().ccompatUrl();
    String run = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    TopicNames names = TopicNames.withPrefix(run + "-");
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(registryUrl));
    TopicSetup.ensure(kafka.clientProperties(), names, TopicCatalogue.PROCESSOR, TopicSetup.Settings.of(1));
    ProcessorConfig config = new ProcessorConfig(new ProcessorConfig.Kafka(kafka.bootstrapServers(), registryUrl, run, state,
        Duration.ofMillis(100), 1, 0), Map.of(), Path.of("unused"),
        new ProcessorConfig.Evaluation(Duration.ofSeconds(1), Duration.ofMinutes(30), null, null), ProcessorOpsConfig.onPort(0));
    new RulePublisher(kafka.bootstrapServers(), topics.rules()).publish(new RuleFileLoader().parse("it.yaml", RULES));

    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
    try (KafkaProducer<MetricSeriesKey, MetricDatapoint> producer = new KafkaProducer<>(kafka.clientProperties(),
        topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
         KafkaConsumer<AlertKey, AlertTransition> alerts = ProcessorIT.consumer(kafka, topics, run);
         ProcessorApp app = new ProcessorApp(config, topics)) {
      alerts.subscribe(List.of(names.alerts()));
      app.streams().setStateListener((to, from) -> states.add(to));
      app.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
      Set<String> threads = threadNames(app);

      send(producer, names, "i-1", now.minus(Duration.ofMinutes(3)), 10, now.minus(Duration.ofMinutes(3)));
      // the host's clock is 90 minutes fast. The broker refuses a record stamped more than an hour ahead
      // (log.message.timestamp.after.max.ms), so the record carries the time of the batch it came with, the
      // datapoint its own
      Instant batch = now.minus(Duration.ofMinutes(3));
      send(producer, names, "i-2", now.plus(Duration.ofMinutes(90)), 99, batch);
      send(producer, names, "i-3", Instant.parse("9999-12-31T23:59:00Z"), 99, batch);
      // a statistic our code does not know: the SampleCount rule throws on it, cpu-high does not apply
      send(producer, names, "i-4", now.minus(Duration.ofMinutes(3)), 5, batch, "Bogus");
      try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientProperties(),
          new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
        raw.send(new ProducerRecord<byte[], byte[]>(names.metrics(), null, batch.toEpochMilli(), tombstoneKey(topics), (byte[]) null)).get();
      }
      send(producer, names, "i-1", now.minus(Duration.ofMinutes(2)), 90, now.minus(Duration.ofMinutes(2)));

      List<ConsumerRecord<AlertKey, AlertTransition>> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(90)).alias("transitions of i-1 and i-2").until(() -> {
        alerts.poll(Duration.ofMillis(200)).forEach(seen::add);
        return transitions(seen, "i-1").size() >= 2 && transitions(seen, "i-2").contains("INSUFFICIENT_DATA->ALARM");
      });
      assertThat(transitions(seen, "i-1")).containsExactly("INSUFFICIENT_DATA->OK", "OK->ALARM");
      assertThat(transitions(seen, "i-3")).isEmpty();
      assertThat(seen).allSatisfy(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(System.currentTimeMillis()));

      String rules = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + app.httpPort() + "/rules")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertThat(rules).contains("\"degraded\"").contains("IllegalArgumentException");
      assertThat(app.faults().degraded().snapshot()).containsOnlyKeys("count");
      assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(states).doesNotContain(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
      assertThat(threadNames(app)).isEqualTo(threads); // no stream thread was replaced
    }

    try (KafkaConsumer<byte[], byte[]> late = new KafkaConsumer<>(readCommitted(kafka, run + "-late"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      late.subscribe(List.of(TopicNames.lateData(names.metrics())));
      List<ConsumerRecord<byte[], byte[]>> setAside = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        late.poll(Duration.ofMillis(200)).forEach(setAside::add);
        return !setAside.isEmpty();
      });
      assertThat(setAside).singleElement().satisfies(r -> {
        MetricDatapoint dp = topics.metrics().valueSerde().deserializer().deserialize(r.topic(), r.value());
        assertThat(dp.getDimensions().get(0).getValue()).isEqualTo("i-3");
        assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.KIND)).isEqualTo("out-of-bounds");
        assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo(DeadLetterHeaders.REASON_CLASS);
        assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("ahead of the wall clock");
        assertThat(DeadLetterHeaders.sourceOf(r.headers())).isEqualTo(new DeadLetterHeaders.Source(names.metrics(), 0, 2));
      });
    }
    assertDeadLetters(kafka, run, topics);
  }

  private static void assertDeadLetters(EmbeddedKafka kafka, String run, Topics topics) {
    TopicNames names = topics.names();
    try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(readCommitted(kafka, run + "-dlq"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      dlq.subscribe(List.of(TopicNames.deadLetter(names.metrics())));
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        dlq.poll(Duration.ofMillis(200)).forEach(dead::add);
        return dead.size() >= 2;
      });
      assertThat(dead).hasSize(2);
      ConsumerRecord<byte[], byte[]> defect = dead.stream()
          .filter(r -> "rule-defect".equals(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.KIND))).findFirst().orElseThrow();
      assertThat(DeadLetterHeaders.text(defect.headers(), DeadLetterHeaders.KIND)).isEqualTo("rule-defect");
      assertThat(DeadLetterHeaders.text(defect.headers(), DeadLetterHeaders.RULE_ID)).isEqualTo("count");
      assertThat(DeadLetterHeaders.sourceOf(defect.headers())).isEqualTo(new DeadLetterHeaders.Source(names.metrics(), 0, 3));
      assertThat(topics.metrics().valueSerde().deserializer().deserialize(names.metrics(), defect.value()).getStatistic())
          .isEqualTo("Bogus");
      ConsumerRecord<byte[], byte[]> tombstone = dead.stream().filter(r -> r != defect).findFirst().orElseThrow();
      assertThat(tombstone.key()).isEqualTo(tombstoneKey(topics));
      assertThat(DeadLetterHeaders.text(tombstone.headers(), DeadLetterHeaders.STAGE)).isEqualTo("validate");
      assertThat(tombstone.value()).isNull();
      assertThat(DeadLetterHeaders.text(tombstone.headers(), DeadLetterHeaders.KIND)).isEqualTo("bad-record");
      assertThat(DeadLetterHeaders.sourceOf(tombstone.headers())).isEqualTo(new DeadLetterHeaders.Source(names.metrics(), 0, 4));
    }
  }

  static byte[] tombstoneKey(Topics topics) {
    MetricDatapoint dp = MetricDatapoint.newBuilder()
        .setNamespace("AWS/EC2").setMetricName("CPUUtilization").setDimensions(List.of(new Dimension("InstanceId", "i-5")))
        .setTimestamp(Instant.EPOCH).setValue(0).setUnit("Percent").setStatistic("Average").setPeriodSeconds(60).setSource("it")
        .build();
    return topics.metrics().keySerde().serializer().serialize(topics.names().metrics(), SeriesKeys.of(dp));
  }

  static List<String> transitions(List<ConsumerRecord<AlertKey, AlertTransition>> seen, String instance) {
    return seen.stream().map(ConsumerRecord::value)
        .filter(t -> t.getRuleId().equals("cpu-high"))
        .filter(t -> t.getDimensions().stream().anyMatch(d -> d.getValue().equals(instance)))
        .map(t -> t.getFromState() + "->" + t.getToState()).toList();
  }

  static Set<String> threadNames(ProcessorApp app) {
    return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName).collect(Collectors.toSet());
  }

  static void send(KafkaProducer<MetricSeriesKey, MetricDatapoint> producer, TopicNames names, String instance, Instant at,
      double value, Instant recordTime) throws Exception {
    send(producer, names, instance, at, value, recordTime, "Average");
  }

  static void send(KafkaProducer<MetricSeriesKey, MetricDatapoint> producer, TopicNames names, String instance, Instant at,
      double value, Instant recordTime, String statistic) throws Exception {
    MetricDatapoint dp = MetricDatapoint.newBuilder()
        .setNamespace("AWS/EC2").setMetricName("CPUUtilization").setDimensions(List.of(new Dimension("InstanceId", instance)))
        .setTimestamp(at).setValue(value).setUnit("Percent").setStatistic(statistic).setPeriodSeconds(60).setSource("it")
        .build();
    producer.send(new ProducerRecord<>(names.metrics(), null, recordTime.toEpochMilli(), SeriesKeys.of(dp), dp)).get();
  }
}

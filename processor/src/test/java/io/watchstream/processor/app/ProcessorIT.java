package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on the real (in-JVM KRaft) broker and the real Apicurio registry, exactly-once on:
 * datapoints in, transitions out; stopped mid-stream and restarted on a fresh state directory (state
 * comes back from the changelog), the alerts topic holds every transition exactly once.
 */
class ProcessorIT {

  static final String RULES = """
      rules:
        - id: cpu-high
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
          period: 60s
          statistic: Average
          comparison: ">"
          threshold: 50
          treatMissingData: missing
          actions:
            scaling: { autoScalingGroup: web-asg, onAlarm: { type: change, amount: 1 } }
      """;

  @Test
  void transitionsExactlyOnceAcrossARestartMidStream(@TempDir Path stateA, @TempDir Path stateB) throws Exception {
    EmbeddedKafka kafka = RealParts.kafka();
    String registryUrl = RealParts.registry().ccompatUrl();
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
    TopicNames names = TopicNames.withPrefix(run + "-");
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(registryUrl));
    TopicSetup.ensure(kafka.clientProperties(), names, TopicCatalogue.PROCESSOR, TopicSetup.Settings.of(2));
    ProcessorConfig config = config(kafka, registryUrl, run, stateA, 0);

    new RulePublisher(kafka.bootstrapServers(), topics.rules()).publish(new RuleFileLoader().parse("it.yaml", RULES));
    // an undecodable record on the rules topic must not stop the engine (the valid version stays in force)
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientProperties(),
        new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(names.rules(), "cpu-high".getBytes(), "not avro".getBytes())).get();
      raw.send(new ProducerRecord<>(names.metrics(), "junk".getBytes(), "not avro either".getBytes())).get();
    }

    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    // alternating values: every datapoint is a transition (1 of 1 > 50)
    double[] values = {10, 90, 10, 90, 10, 90, 10, 90, 10, 90};
    List<String> expected = List.of("INSUFFICIENT_DATA->OK",
        "OK->ALARM", "ALARM->OK", "OK->ALARM", "ALARM->OK", "OK->ALARM", "ALARM->OK", "OK->ALARM", "ALARM->OK", "OK->ALARM");

    try (KafkaProducer<MetricSeriesKey, MetricDatapoint> producer = new KafkaProducer<>(kafka.clientProperties(),
        topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
         KafkaConsumer<AlertKey, AlertTransition> alerts = consumer(kafka, topics, run)) {
      alerts.subscribe(List.of(names.alerts()));
      List<AlertTransition> seen = new ArrayList<>();

      try (ProcessorApp app = new ProcessorApp(config, topics)) {
        app.start();
        for (int i = 0; i < 5; i++) {
          send(producer, topics, t0.plus(Duration.ofMinutes(i)), values[i]);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> poll(alerts, seen) >= 5);
        // alive (a follow-up rebalance may be in progress: REBALANCING passes back to RUNNING)
        await().atMost(Duration.ofSeconds(30)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        String state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + app.httpPort() + "/state?rule=cpu-high")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(state).contains("\"series\" : \"AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60\"")
            .contains("\"state\" : \"OK\"").contains("Threshold Crossed: 0 out of the last 1 datapoints [10.0]");
      }
      // more datapoints arrive while the processor is down
      for (int i = 5; i < 10; i++) {
        send(producer, topics, t0.plus(Duration.ofMinutes(i)), values[i]);
      }
      try (ProcessorApp app = new ProcessorApp(config(kafka, registryUrl, run, stateB, 0), topics)) {
        app.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> poll(alerts, seen) >= 10);
        // nothing more arrives afterwards (no duplicates)
        Thread.sleep(1500);
        poll(alerts, seen);
      }
      assertThat(seen).extracting(t -> t.getFromState() + "->" + t.getToState()).containsExactlyElementsOf(expected);
      assertThat(seen).extracting(AlertTransition::getAlertId).doesNotHaveDuplicates();
      assertThat(seen).extracting(t -> t.getTransitionTime()).isSorted();
      assertThat(seen).allSatisfy(t -> assertThat(t.getRuleVersion()).isEqualTo(1));
      assertThat(seen.get(1).getLineage().getInputs()).singleElement()
          .satisfies(i -> assertThat(i.getTopic()).isEqualTo(names.metrics()));
    }

    try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(readCommitted(kafka, run + "-dlq"),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      dlq.subscribe(List.of(TopicNames.deadLetter(names.metrics())));
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        dlq.poll(Duration.ofMillis(200)).forEach(dead::add);
        return !dead.isEmpty();
      });
      assertThat(new String(dead.get(0).value())).isEqualTo("not avro either");
      assertThat(new String(dead.get(0).headers().lastHeader("watchstream.source.topic").value())).isEqualTo(names.metrics());
    }

    try (KafkaConsumer<ScalingCommandKey, ScalingCommand> scaling = new KafkaConsumer<>(readCommitted(kafka, run + "-scaling"),
        topics.scalingCommands().keySerde().deserializer(), topics.scalingCommands().valueSerde().deserializer())) {
      scaling.subscribe(List.of(names.scalingCommands()));
      List<ScalingCommand> commands = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        scaling.poll(Duration.ofMillis(200)).forEach(r -> commands.add(r.value()));
        return commands.size() >= 5;
      });
      assertThat(commands).extracting(ScalingCommand::getIdempotencyKey).doesNotHaveDuplicates();
      assertThat(commands).allSatisfy(c -> assertThat(c.getAmount()).isEqualTo(1));
    }
  }

  static int poll(KafkaConsumer<AlertKey, AlertTransition> consumer, List<AlertTransition> seen) {
    consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
    return seen.size();
  }

  static void send(KafkaProducer<MetricSeriesKey, MetricDatapoint> producer, Topics topics, Instant at, double value) throws Exception {
    MetricDatapoint dp = MetricDatapoint.newBuilder()
        .setNamespace("AWS/EC2").setMetricName("CPUUtilization").setDimensions(List.of(new Dimension("InstanceId", "i-1")))
        .setTimestamp(at).setValue(value).setUnit("Percent").setStatistic("Average").setPeriodSeconds(60).setSource("it")
        .build();
    producer.send(new ProducerRecord<>(topics.metrics().name(), null, at.toEpochMilli(), SeriesKeys.of(dp), dp)).get();
  }

  static Map<String, Object> readCommitted(EmbeddedKafka kafka, String group) {
    Map<String, Object> p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  static KafkaConsumer<AlertKey, AlertTransition> consumer(EmbeddedKafka kafka, Topics topics, String run) {
    return new KafkaConsumer<>(readCommitted(kafka, run + "-alerts"), topics.alerts().keySerde().deserializer(),
        topics.alerts().valueSerde().deserializer());
  }

  @Test
  void invalidRuleRecordGoesToRulesRejectedAndTheEngineKeepsVersionOne(@TempDir Path state) throws Exception {
    EmbeddedKafka kafka = RealParts.kafka();
    String registryUrl = RealParts.registry().ccompatUrl();
    String run = "itrej-" + UUID.randomUUID().toString().substring(0, 8);
    TopicNames names = TopicNames.withPrefix(run + "-");
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(registryUrl));
    TopicSetup.ensure(kafka.clientProperties(), names, TopicCatalogue.PROCESSOR, TopicSetup.Settings.of(1));
    ProcessorConfig config = config(kafka, registryUrl, run, state, -1);
    new RulePublisher(kafka.bootstrapServers(), topics.rules()).publish(new RuleFileLoader().parse("it.yaml", RULES));
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    try (ProcessorApp app = new ProcessorApp(config, topics);
         KafkaProducer<MetricSeriesKey, MetricDatapoint> producer = new KafkaProducer<>(kafka.clientProperties(),
             topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
         KafkaProducer<String, io.watchstream.avro.RuleRecord> rules = new KafkaProducer<>(kafka.clientProperties(),
             topics.rules().keySerde().serializer(), topics.rules().valueSerde().serializer());
         KafkaConsumer<AlertKey, AlertTransition> alerts = consumer(kafka, topics, run);
         KafkaConsumer<String, io.watchstream.avro.RuleRecord> rejected = new KafkaConsumer<>(readCommitted(kafka, run + "-rej"),
             topics.rules().keySerde().deserializer(), topics.rules().valueSerde().deserializer());
         KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientProperties(),
             new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
         KafkaConsumer<byte[], byte[]> ruleDeadLetters = new KafkaConsumer<>(readCommitted(kafka, run + "-dlq"),
             new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      app.start();
      send(producer, topics, t0, 20);
      rules.send(new ProducerRecord<>(names.rules(), "cpu-high", new io.watchstream.avro.RuleRecord("cpu-high", 2, "threshold",
          "{\"id\":\"cpu-high\",\"kind\":\"threshold\",\"comparison\":\"~\",\"threshold\":\"very high\"}", "it", Instant.now()))).get();
      // and a record that is not Avro at all: the global thread cannot decode it
      long garbageOffset = raw.send(new ProducerRecord<>(names.rules(), "cpu-high".getBytes(StandardCharsets.UTF_8),
          "rules: [ not avro ]".getBytes(StandardCharsets.UTF_8))).get().offset();
      await().atMost(Duration.ofSeconds(30)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
      // the rejection is reported only after the global thread has read v2: the next datapoint meets v2's refusal
      rejected.subscribe(List.of(names.rulesRejected()));
      List<io.watchstream.avro.RuleRecord> rej = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        rejected.poll(Duration.ofMillis(200)).forEach(r -> rej.add(r.value()));
        return !rej.isEmpty();
      });
      send(producer, topics, t0.plus(Duration.ofMinutes(1)), 95);
      alerts.subscribe(List.of(names.alerts()));
      List<AlertTransition> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        poll(alerts, seen);
        rejected.poll(Duration.ofMillis(100)).forEach(r -> rej.add(r.value()));
        return seen.size() >= 2;
      });
      assertThat(seen).extracting(t -> t.getToState() + " v" + t.getRuleVersion()).containsExactly("OK v1", "ALARM v1");
      assertThat(rej).singleElement().satisfies(r -> assertThat(r.getVersion()).isEqualTo(2));
      // the undecodable one is in rules.dlq, raw, once, with what went wrong and where it came from
      ruleDeadLetters.subscribe(List.of(TopicNames.deadLetter(names.rules())));
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        ruleDeadLetters.poll(Duration.ofMillis(200)).forEach(dead::add);
        return !dead.isEmpty();
      });
      ruleDeadLetters.poll(Duration.ofSeconds(3)).forEach(dead::add); // nothing more may follow
      assertThat(dead).singleElement().satisfies(d -> {
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("rules: [ not avro ]");
        assertThat(new String(d.key(), StandardCharsets.UTF_8)).isEqualTo("cpu-high");
        assertThat(new String(d.headers().lastHeader("watchstream.source.offset").value(), StandardCharsets.UTF_8))
            .isEqualTo(Long.toString(garbageOffset));
        assertThat(new String(d.headers().lastHeader("watchstream.source.topic").value(), StandardCharsets.UTF_8))
            .isEqualTo(names.rules());
        assertThat(d.headers().lastHeader("watchstream.error.class")).isNotNull();
      });
    }
  }

  /** A 1 s evaluation interval and a long idle-after, so the test controls event time. */
  private static ProcessorConfig config(EmbeddedKafka kafka, String registryUrl, String run, Path state, int httpPort) {
    return new ProcessorConfig(new ProcessorConfig.Kafka(kafka.bootstrapServers(), registryUrl, run, state, Duration.ofMillis(100), 1, 0),
        Map.of(), Path.of("unused"), new ProcessorConfig.Evaluation(Duration.ofSeconds(1), Duration.ofMinutes(30), null, null),
        ProcessorOpsConfig.onPort(httpPort));
  }
}

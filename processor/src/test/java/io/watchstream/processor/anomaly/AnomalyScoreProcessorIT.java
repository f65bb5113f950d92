package io.watchstream.processor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomaly processor on the real (in-JVM KRaft) broker and the real Apicurio registry:
 * stopped mid-series and started again on an empty state directory, the model comes back from the store's
 * changelog and the scores continue exactly as if the processor had never stopped.
 */
class AnomalyScoreProcessorIT {

  static final long STEP = 5 * 60_000L;
  static final AnomalyBinding RULE = new AnomalyBinding("cpu-anomaly",
      k -> k.getMetricName().toString().equals("CPUUtilization"), ModelKind.AUTO, new AnomalySettings(3, 30));

  @Test
  void modelStateSurvivesARestartOnAFreshStateDirectory(@TempDir Path stateA, @TempDir Path stateB) throws Exception {
    EmbeddedKafka kafka = RealParts.kafka();
    String run = "anomaly-it-" + UUID.randomUUID().toString().substring(0, 8);
    TopicNames names = TopicNames.withPrefix(run + "-");
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl()));
    kafka.createTopic(names.metrics(), 1);
    kafka.createTopic(names.anomalyScores(), 1);

    int n = 800;
    int firstRun = 500;
    // recent timestamps: datapoints older than the topics' 7-day retention would be deleted under the test's feet
    Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(4));
    Random r = new Random(5);
    long[] ts = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = t0.toEpochMilli() + i * STEP;
      values[i] = 40 + 10 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() + (i == 650 ? 25 : 0);
    }
    Score[] offline = SeriesScorer.scoreAll(ts, values, RULE.model(), RULE.settings());

    try (KafkaProducer<MetricSeriesKey, MetricDatapoint> producer = new KafkaProducer<>(kafka.clientProperties(),
        topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
         KafkaConsumer<MetricSeriesKey, AnomalyScore> consumer = new KafkaConsumer<>(consumerProps(kafka, run),
             topics.anomalyScores().keySerde().deserializer(), topics.anomalyScores().valueSerde().deserializer())) {
      consumer.subscribe(List.of(names.anomalyScores()));
      List<AnomalyScore> seen = new ArrayList<>();

      for (int i = 0; i < firstRun; i++) {
        send(producer, names, t0, i, values[i]);
      }
      try (KafkaStreams streams = start(topology(topics), streamsProps(kafka, run, stateA))) {
        await().atMost(Duration.ofSeconds(180)).until(() -> failIfDead(streams) && poll(consumer, seen) >= firstRun);
      }
      for (int i = firstRun; i < n; i++) {
        send(producer, names, t0, i, values[i]);
      }
      try (KafkaStreams streams = start(topology(topics), streamsProps(kafka, run, stateB))) {
        await().atMost(Duration.ofSeconds(180)).until(() -> failIfDead(streams) && poll(consumer, seen) >= n);
      }
      assertThat(seen).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(seen.get(i).getTimestamp().toEpochMilli()).isEqualTo(ts[i]);
        assertThat(seen.get(i).getScore()).as("score of datapoint %d", i).isEqualTo(offline[i].score());
      }
      assertThat(seen.get(650).getScore()).isGreaterThan(0.4);
    }
  }

  static KafkaStreams start(Topology topology, Properties props) {
    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(e -> {
      FAILURE.set(e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
    return streams;
  }

  static final java.util.concurrent.atomic.AtomicReference<Throwable> FAILURE = new java.util.concurrent.atomic.AtomicReference<>();

  static boolean failIfDead(KafkaStreams streams) {
    if (FAILURE.get() != null) {
      throw new AssertionError("stream thread died", FAILURE.get());
    }
    assertThat(streams.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
    return true;
  }

  static Topology topology(Topics topics) {
    Topology t = new Topology();
    t.addSource("metrics", topics.metrics().keySerde().deserializer(), topics.metrics().valueSerde().deserializer(), topics.metrics().name());
    t.addProcessor("anomaly-scores", () -> new AnomalyScoreProcessor(() -> List.of(RULE)), "metrics");
    t.addStateStore(AnomalyScoreProcessor.storeBuilder(), "anomaly-scores");
    t.addSink("anomaly-scores-sink", topics.anomalyScores().name(), topics.anomalyScores().keySerde().serializer(),
        topics.anomalyScores().valueSerde().serializer(), "anomaly-scores");
    return t;
  }

  static Properties streamsProps(EmbeddedKafka kafka, String app, Path stateDir) {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // at-least-once on purpose: what is under test is the model store's changelog. Both runs close cleanly and
    // commit, so nothing is reprocessed; a datapoint reprocessed after a crash would be scored again against the
    // restored model (as late data) but not learned twice, so later scores still match an uninterrupted run.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    return p;
  }

  static Map<String, Object> consumerProps(EmbeddedKafka kafka, String run) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, run + "-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  static void send(KafkaProducer<MetricSeriesKey, MetricDatapoint> producer, TopicNames names, Instant t0, int i, double value) throws Exception {
    Instant at = t0.plusMillis(i * STEP);
    MetricDatapoint d = MetricDatapoint.newBuilder().setNamespace("AWS/EC2").setMetricName("CPUUtilization")
        .setDimensions(List.of(new Dimension("InstanceId", "i-it"))).setTimestamp(at).setValue(value)
        .setUnit("Percent").setStatistic("Average").setPeriodSeconds(300).setSource("test").build();
    producer.send(new ProducerRecord<>(names.metrics(), null, at.toEpochMilli(), SeriesKeys.of(d), d)).get();
  }

  static int poll(KafkaConsumer<MetricSeriesKey, AnomalyScore> consumer, List<AnomalyScore> seen) {
    consumer.poll(Duration.ofMillis(200)).forEach(rec -> seen.add(rec.value()));
    return seen.size();
  }
}

package io.watchstream.processor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.InMemorySchemaRegistryClient;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyScoreProcessorTest {

  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final long STEP = 5 * 60_000L;
  static final AnomalyBinding CPU_RULE = new AnomalyBinding("cpu-anomaly",
      k -> k.getMetricName().toString().equals("CPUUtilization"), ModelKind.AUTO, new AnomalySettings(3, 30));

  @TempDir Path stateDir;
  final Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
  final List<TopologyTestDriver> drivers = new ArrayList<>();
  TestInputTopic<MetricSeriesKey, MetricDatapoint> metrics;
  TestOutputTopic<MetricSeriesKey, AnomalyScore> scores;
  TopologyTestDriver driver;

  void start() {
    Topology t = new Topology();
    t.addSource("metrics", topics.metrics().keySerde().deserializer(), topics.metrics().valueSerde().deserializer(), topics.metrics().name());
    t.addProcessor("anomaly-scores", () -> new AnomalyScoreProcessor(() -> List.of(CPU_RULE)), "metrics");
    t.addStateStore(AnomalyScoreProcessor.storeBuilder(), "anomaly-scores");
    t.addSink("anomaly-scores-sink", topics.anomalyScores().name(), topics.anomalyScores().keySerde().serializer(),
        topics.anomalyScores().valueSerde().serializer(), "anomaly-scores");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "anomaly-ttd");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("d" + drivers.size()).toString());
    driver = new TopologyTestDriver(t, props, T0);
    drivers.add(driver);
    metrics = driver.createInputTopic(topics.metrics().name(), topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
    scores = driver.createOutputTopic(topics.anomalyScores().name(), topics.anomalyScores().keySerde().deserializer(),
        topics.anomalyScores().valueSerde().deserializer());
  }

  @AfterEach
  void close() {
    drivers.forEach(TopologyTestDriver::close);
  }

  static MetricDatapoint point(String metric, String instance, long i, double value) {
    return MetricDatapoint.newBuilder().setNamespace("AWS/EC2").setMetricName(metric)
        .setDimensions(List.of(new Dimension("InstanceId", instance)))
        .setTimestamp(T0.plusMillis(i * STEP)).setValue(value).setUnit("Percent").setStatistic("Average")
        .setPeriodSeconds(300).setSource("test").build();
  }

  void pipe(MetricDatapoint d) {
    metrics.pipeInput(SeriesKeys.of(d), d, d.getTimestamp());
  }

  static double[] series(int n) {
    Random r = new Random(21);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 20 + 5 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() + (i == 1200 ? 30 : 0);
    }
    return v;
  }

  @Test
  void emitsOneScorePerMatchingDatapointWithTheSameNumbersAsTheOfflineScorer() {
    start();
    double[] v = series(1500);
    long[] ts = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      ts[i] = T0.toEpochMilli() + i * STEP;
      pipe(point("CPUUtilization", "i-1", i, v[i]));
      pipe(point("NetworkIn", "i-1", i, v[i])); // no rule watches it
    }
    List<AnomalyScore> out = scores.readValuesToList();
    assertThat(out).hasSize(1500);
    Score[] offline = SeriesScorer.scoreAll(ts, v, ModelKind.AUTO, CPU_RULE.settings());
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i).getScore()).isEqualTo(offline[i].score());
    }
    AnomalyScore first = out.get(0);
    assertThat(first.getRuleId()).isEqualTo("cpu-anomaly");
    assertThat(first.getSeriesKey()).isEqualTo("AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/300");
    assertThat(first.getExpected()).isNull();
    AnomalyScore spike = out.get(1200);
    assertThat(spike.getExpected()).isNotNull();
    assertThat(spike.getValue()).isGreaterThan(spike.getUpper());
    assertThat(spike.getScore()).isGreaterThan(0.4);
    assertThat(out.get(1199).getScore()).isLessThan(spike.getScore() / 2);
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(AnomalyScoreProcessor.STORE);
    AdaptiveBaseline saved = ModelStateSerde.fromBytes(store.get(AnomalyScoreProcessor.storeKey("cpu-anomaly", SeriesKeys.of(point("CPUUtilization", "i-1", 0, 0)))));
    assertThat(saved.count()).isEqualTo(1500);
    List<String> keys = new ArrayList<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    assertThat(keys).containsExactly(AnomalyScoreProcessor.storeKey("cpu-anomaly", SeriesKeys.of(point("CPUUtilization", "i-1", 0, 0))));
  }

  @Test
  void keepsOneModelPerSeries() {
    start();
    for (int i = 0; i < 100; i++) {
      pipe(point("CPUUtilization", "i-1", i, 10 + i % 3));
      pipe(point("CPUUtilization", "i-2", i, 500 + i % 7));
    }
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(AnomalyScoreProcessor.STORE);
    assertThat(ModelStateSerde.fromBytes(store.get(AnomalyScoreProcessor.storeKey("cpu-anomaly", SeriesKeys.of(point("CPUUtilization", "i-2", 0, 0)))))
        .update(T0.toEpochMilli() + 100 * STEP, 503).expected()).isBetween(495.0, 510.0);
    assertThat(scores.readValuesToList()).hasSize(200);
  }

  @Test
  void aRestartedProcessorContinuesFromTheStoredModel() {
    start();
    double[] v = series(1500);
    for (int i = 0; i < 1000; i++) {
      pipe(point("CPUUtilization", "i-1", i, v[i]));
    }
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(AnomalyScoreProcessor.STORE);
    String key = AnomalyScoreProcessor.storeKey("cpu-anomaly", SeriesKeys.of(point("CPUUtilization", "i-1", 0, 0)));
    byte[] state = store.get(key);
    // a fresh instance whose store holds what the changelog restored
    start();
    driver.<String, byte[]>getKeyValueStore(AnomalyScoreProcessor.STORE).put(key, state);
    for (int i = 1000; i < 1500; i++) {
      pipe(point("CPUUtilization", "i-1", i, v[i]));
    }
    List<AnomalyScore> resumed = scores.readValuesToList();
    long[] ts = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      ts[i] = T0.toEpochMilli() + i * STEP;
    }
    Score[] uninterrupted = SeriesScorer.scoreAll(ts, v, ModelKind.AUTO, CPU_RULE.settings());
    assertThat(resumed).hasSize(500);
    for (int i = 0; i < 500; i++) {
      assertThat(resumed.get(i).getScore()).isEqualTo(uninterrupted[1000 + i].score());
    }
  }

  @Test
  void repeatedLateAndClockSetBackDatapointsAreScoredInInputOrderButNotLearned() {
    start();
    double[] v = series(700);
    // rows: 0..599 forward, a re-sent row 599, a step back to row 300 with a spike, then the clock set back one hour
    // (rows 588..599 again, as an exporter after a DST change would send them), then forward again 600..699
    List<long[]> rows = new ArrayList<>(); // {step index, value index}
    for (int i = 0; i < 600; i++) {
      rows.add(new long[] {i, i});
    }
    rows.add(new long[] {599, 599});
    rows.add(new long[] {300, -1});
    for (int i = 588; i < 600; i++) {
      rows.add(new long[] {i, i});
    }
    for (int i = 600; i < 700; i++) {
      rows.add(new long[] {i, i});
    }
    long[] ts = new long[rows.size()];
    double[] values = new double[rows.size()];
    String key = AnomalyScoreProcessor.storeKey("cpu-anomaly", SeriesKeys.of(point("CPUUtilization", "i-1", 0, 0)));
    byte[] beforeLate = null;
    for (int r = 0; r < rows.size(); r++) {
      ts[r] = T0.toEpochMilli() + rows.get(r)[0] * STEP;
      values[r] = rows.get(r)[1] < 0 ? 90 : v[(int) rows.get(r)[1]];
      if (r == 600) {
        beforeLate = driver.<String, byte[]>getKeyValueStore(AnomalyScoreProcessor.STORE).get(key);
      }
      pipe(point("CPUUtilization", "i-1", rows.get(r)[0], values[r]));
      if (r == 600 + 13) {
        // after the re-sent row, the step back and the repeated hour: the stored model is exactly as before them
        assertThat(driver.<String, byte[]>getKeyValueStore(AnomalyScoreProcessor.STORE).get(key)).isEqualTo(beforeLate);
      }
    }
    List<AnomalyScore> out = scores.readValuesToList();
    assertThat(out).hasSize(rows.size());
    Score[] offline = SeriesScorer.scoreAll(ts, values, ModelKind.AUTO, CPU_RULE.settings());
    for (int r = 0; r < out.size(); r++) {
      assertThat(out.get(r).getTimestamp().toEpochMilli()).as("row %d in input order", r).isEqualTo(ts[r]);
      assertThat(out.get(r).getScore()).as("score of row %d", r).isEqualTo(offline[r].score());
    }
    assertThat(out.get(601).getScore()).as("the late spike is still reported").isGreaterThan(0.4);
    AdaptiveBaseline saved = ModelStateSerde.fromBytes(driver.<String, byte[]>getKeyValueStore(AnomalyScoreProcessor.STORE).get(key));
    assertThat(saved.count()).isEqualTo(700);
    assertThat(saved.lastMillis()).isEqualTo(T0.toEpochMilli() + 699 * STEP);
  }
}

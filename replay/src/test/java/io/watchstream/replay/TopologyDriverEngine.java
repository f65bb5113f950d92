package io.watchstream.replay;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.topology.DeadLetterHandler;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.schemas.RecordBounds;
import io.watchstream.processor.rules.RuleVersions;
import io.watchstream.schemas.InMemorySchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.TopicSpec;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The reference replay engine, for tests: runs one rule set over replay input through the processor's own
 * topology ({@code ProcessorTopology.build}) in a {@link TopologyTestDriver}, i.e. executed by the Kafka Streams
 * runtime itself, with serdes, RocksDB stores and commits. Some 300 times slower (about 3,000 datapoints/s) than the in-memory
 * engine, which {@code InMemoryReplayEngineTest} checks against it.
 *
 * <p>What it reads and writes: the rules are published to the driver's {@code rules} topic first (as
 * {@code watchstream process} does at start-up, all at version 1); then every input record is piped to
 * {@code metrics} or {@code logs} with its event time as record timestamp. Stream time therefore moves with
 * the input's one clock, and the processor's stream-time punctuator evaluates every rule and series at
 * every period boundary up to the last input timestamp — series that stopped reporting included. With
 * log input the driver's wall clock is also kept equal to event time (see {@link #run}). Outputs
 * ({@code alerts}, {@code scaling-commands}, {@code anomaly-scores}, late-data and dead-letter topics) are
 * drained as the run goes, so memory stays bounded by what is kept.
 *
 * <p>Every run has a fresh application id and its own topic names ({@code prefix}), so even a driver's
 * state directory cannot collide with another run or with the live processor.
 */
public final class TopologyDriverEngine implements ReplayEngine {

  /** Builds the topology under test: in production {@code ProcessorTopology.build(config, topics)}. */
  @FunctionalInterface
  public interface TopologyFactory {
    Topology build(Topics topics);

    /** The live processor's topology with its default configuration. */
    static TopologyFactory processor() {
      // replay evaluates history: no time bounds relative to the (driven) wall clock
      return topics -> ProcessorTopology.build(ProcessorConfig.defaults().topologySettings().withRecordBounds(RecordBounds.UNBOUNDED), topics);
    }
  }

  /** How many input records to pipe between two drains of the output topics. */
  private static final int DRAIN_EVERY = 8192;

  private final TopologyFactory factory;
  private final String topicPrefix;
  private final boolean keepAnomalyScores;

  /**
   * @param topicPrefix prefix of every topic name inside the driver (e.g. {@code replay.}); empty keeps defaults
   * @param keepAnomalyScores whether to keep anomaly scores (needed for report bands; off for benchmarks)
   */
  public TopologyDriverEngine(TopologyFactory factory, String topicPrefix, boolean keepAnomalyScores) {
    this.factory = factory;
    this.topicPrefix = topicPrefix;
    this.keepAnomalyScores = keepAnomalyScores;
  }

  /** The horizon is not supported here: evaluation stops at the last record (tests compare without one). */
  @Override
  public RunResult run(String label, List<LoadedRule> rules, List<? extends ReplayRecord> input, long horizon) {
    if (input.isEmpty()) {
      throw new ReplayInputException("nothing to replay: the input holds no records");
    }
    TopicNames names = topicPrefix.isEmpty() ? TopicNames.defaults() : TopicNames.withPrefix(topicPrefix);
    Topics topics = new Topics(names, new InMemorySchemaRegistryClient());
    Topology topology = factory.build(topics);
    Path stateDir = tempStateDir();
    long first = input.get(0).timestamp();
    long last = input.get(input.size() - 1).timestamp();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, properties(stateDir), Instant.ofEpochMilli(first))) {
      Outputs out = new Outputs(driver, topics, keepAnomalyScores);
      publishRules(driver, topics, rules, first);
      TestInputTopic<MetricSeriesKey, MetricDatapoint> metrics = input(driver, topics.metrics());
      TestInputTopic<LogStreamKey, LogEvent> logs = hasLogs(input) ? input(driver, topics.logs()) : null;
      // Metrics alone run in one task whose stream time is the one clock of the input, so the stream-time
      // punctuator already evaluates every series at every step. Log rules run in another task (after the
      // logs-by-group repartition) that only sees log records; there the wall clock, kept equal to event
      // time, lets the processor extrapolate time across gaps exactly as it would live.
      boolean followWallClock = logs != null;
      long clock = first;
      long started = System.nanoTime();
      int sinceDrain = 0;
      for (ReplayRecord r : input) {
        long ts = r.timestamp();
        if (followWallClock && ts > clock) {
          driver.advanceWallClockTime(Duration.ofMillis(ts - clock));
          clock = ts;
        }
        if (r instanceof ReplayRecord.Metric m) {
          metrics.pipeInput(m.key(), m.value(), ts);
        } else if (r instanceof ReplayRecord.Log l) {
          logs.pipeInput(l.key(), l.value(), ts);
        }
        if (++sinceDrain == DRAIN_EVERY) {
          out.drain();
          sinceDrain = 0;
        }
      }
      // no final wall-clock advance: the processor would extrapolate event time beyond the last input
      // timestamp (as live, when every source is silent); the replay's horizon is the last timestamp
      out.drain();
      long elapsed = System.nanoTime() - started;
      return new RunResult(label, List.copyOf(out.transitions), List.copyOf(out.alerts), List.copyOf(out.scaling), List.copyOf(out.scores),
          input.size(), out.late, out.deadLetters, first, last, elapsed);
    } finally {
      deleteQuietly(stateDir);
    }
  }

  private static boolean hasLogs(List<? extends ReplayRecord> input) {
    for (ReplayRecord r : input) {
      if (r instanceof ReplayRecord.Log) {
        return true;
      }
    }
    return false;
  }

  /** The rule set as {@code watchstream process} publishes it to an empty {@code rules} topic. */
  static void publishRules(TopologyTestDriver driver, Topics topics, List<LoadedRule> rules, long at) {
    TestInputTopic<String, RuleRecord> in = input(driver, topics.rules());
    for (RuleRecord r : RuleVersions.toPublish(Map.of(), rules, Instant.ofEpochMilli(at))) {
      in.pipeInput(r.getRuleId(), r, at);
    }
  }

  private static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, TopicSpec<K, V> spec) {
    return driver.createInputTopic(spec.name(), spec.keySerde().serializer(), spec.valueSerde().serializer());
  }

  private Properties properties(Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-" + UUID.randomUUID());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092"); // never contacted by the driver
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // the driver commits after every record anyway; a cache would only add copying
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    // as live: records the rule processors set aside reach the late and dead-letter topics through it
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.Processing.class.getName());
    return p;
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("watchstream-replay-");
    } catch (IOException e) {
      throw new ReplayInputException("cannot create a state directory: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless; the run's result is what matters
    }
  }

  /** The driver's output topics, drained into lists in the order the topology wrote them. */
  private static final class Outputs {
    final TestOutputTopic<AlertKey, AlertTransition> alertsTopic;
    final TestOutputTopic<ScalingCommandKey, ScalingCommand> scalingTopic;
    final TestOutputTopic<MetricSeriesKey, AnomalyScore> scoresTopic;
    final TestOutputTopic<byte[], byte[]> lateTopic;
    final TestOutputTopic<byte[], byte[]> dlqTopic;
    final TestOutputTopic<byte[], byte[]> lateLogs;
    final TestOutputTopic<byte[], byte[]> dlqLogs;
    final boolean keepScores;
    final List<Transition> transitions = new ArrayList<>();
    final List<AlertTransition> alerts = new ArrayList<>();
    final List<ScalingCommand> scaling = new ArrayList<>();
    final List<AnomalyScore> scores = new ArrayList<>();
    long late;
    long deadLetters;

    Outputs(TopologyTestDriver driver, Topics topics, boolean keepScores) {
      this.keepScores = keepScores;
      alertsTopic = output(driver, topics.alerts());
      scalingTopic = output(driver, topics.scalingCommands());
      scoresTopic = output(driver, topics.anomalyScores());
      var bytes = Serdes.ByteArray().deserializer();
      lateTopic = driver.createOutputTopic(TopicNames.lateData(topics.names().metrics()), bytes, bytes);
      dlqTopic = driver.createOutputTopic(TopicNames.deadLetter(topics.names().metrics()), bytes, bytes);
      lateLogs = driver.createOutputTopic(TopicNames.lateData(topics.names().logs()), bytes, bytes);
      dlqLogs = driver.createOutputTopic(TopicNames.deadLetter(topics.names().logs()), bytes, bytes);
    }

    void drain() {
      while (!alertsTopic.isEmpty()) {
        TestRecord<AlertKey, AlertTransition> r = alertsTopic.readRecord();
        transitions.add(Transition.of(transitions.size(), r.value()));
        alerts.add(r.value());
      }
      while (!scalingTopic.isEmpty()) {
        scaling.add(scalingTopic.readValue());
      }
      while (!scoresTopic.isEmpty()) {
        AnomalyScore s = scoresTopic.readValue();
        if (keepScores) {
          scores.add(s);
        }
      }
      late += count(lateTopic) + count(lateLogs);
      deadLetters += count(dlqTopic) + count(dlqLogs);
    }

    private static long count(TestOutputTopic<byte[], byte[]> topic) {
      long n = topic.getQueueSize();
      if (n > 0) {
        topic.readRecordsToList();
      }
      return n;
    }

    private static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, TopicSpec<K, V> spec) {
      return driver.createOutputTopic(spec.name(), spec.keySerde().deserializer(), spec.valueSerde().deserializer());
    }
  }
}

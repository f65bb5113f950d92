package io.watchstream.processor.app;

import io.watchstream.processor.topology.DeadLetterHandler;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.processor.topology.RecordFaults;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.TopicSpec;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of the rule engine: builds the topology, configures and runs Kafka Streams, serves the state
 * query, health and metrics endpoints, and closes everything in order. Reads metrics, logs and rules; writes
 * alerts, scaling commands, anomaly scores, late data, dead letters and rejected rules, exactly once.
 *
 * <p>Start-up registers every subject the processor writes ({@link #writtenTopics}) and fetches the latest
 * schemas of the topics it reads before Kafka Streams starts, waiting for the registry as long as it is away
 * (health DEGRADED, not ready): once running, the processor needs the registry only to read a schema id it
 * has never seen. A failed stream thread is always
 * replaced ({@link ThreadReplacements}); the client is never closed because of data or an outage.
 * {@link #close()} first cancels the waits of the registry client of its {@link Topics}, then closes Kafka Streams.
 */
public final class ProcessorApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorApp.class);

  private final ProcessorConfig config;
  private final ProcessorOpsConfig ops;
  private final Topics topics;
  private final KafkaStreams streams;
  private final InFlightRecords inFlight = new InFlightRecords();
  private final BrokerReachability broker = new BrokerReachability();
  private final ThreadReplacements replacements;
  private final ProcessorMetrics metrics;
  private final ProcessorWatchdog watchdog;
  private volatile boolean subjectsRegistered;
  private volatile StateQueryServer http;
  private final RecordFaults faults;

  public ProcessorApp(ProcessorConfig config, Topics topics) {
    this(config, topics, ProcessorOpsConfig.defaults().withEnv(System.getenv()));
  }

  public ProcessorApp(ProcessorConfig config, Topics topics, ProcessorOpsConfig ops) {
    this.config = config;
    this.ops = ops;
    this.topics = topics;
    this.replacements = new ThreadReplacements(ops);
    Properties properties = streamsProperties(config);
    // objects, not strings: the handlers and the wrapper report into this application's health through them
    properties.put(RecordTimingWrapper.IN_FLIGHT_CONFIG, inFlight);
    properties.put(RetryingProductionHandler.BROKER_REACHABILITY_CONFIG, broker);
    properties.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, RecordTimingWrapper.class.getName());
    ProcessorTopology.Built built = ProcessorTopology.buildWithCatalog(config.topologySettings(), topics, System::currentTimeMillis,
        new TopologyConfig(new StreamsConfig(properties)));
    // the deserialization handler hands undecodable rule records to the topology through this one
    properties.put(DeadLetterHandler.UNDECODABLE_RULES_CONFIG, built.undecodableRules());
    properties.put(DeadLetterHandler.SET_ASIDE_COUNTS_CONFIG, built.faults().counts());
    this.faults = built.faults();
    this.streams = new KafkaStreams(built.topology(), properties);
    streams.setUncaughtExceptionHandler(replacements);
    this.metrics = new ProcessorMetrics(streams, this::health, topics.registry().outage(), broker, inFlight, replacements, ops);
    metrics.bindFaults(faults);
    this.watchdog = new ProcessorWatchdog(config.bootstrapServers(), ops, broker, inFlight);
  }

  /**
   * Every topic the processor writes with Avro serdes, so start-up can register their subjects: the outputs,
   * the late-data and dead-letter topics it re-serialises to, rejected rules, the rules topic (the rule
   * publisher) and the {@code logs-by-group} repartition topic ({@code <application.id>-logs-by-group-repartition}).
   */
  public static List<TopicSpec<?, ?>> writtenTopics(ProcessorConfig config, Topics topics) {
    TopicNames n = topics.names();
    return List.of(topics.alerts(), topics.scalingCommands(), topics.anomalyScores(),
        topics.metrics().on(TopicNames.lateData(n.metrics())), topics.logs().on(TopicNames.lateData(n.logs())),
        topics.metrics().on(TopicNames.deadLetter(n.metrics())), topics.logs().on(TopicNames.deadLetter(n.logs())),
        topics.rules().on(n.rulesRejected()), topics.rules(),
        new TopicSpec<>(config.applicationId() + "-" + ProcessorTopology.LOGS_REPARTITION + "-repartition",
            Serdes.String(), topics.logs().valueSerde()));
  }

  public static Properties streamsProperties(ProcessorConfig c) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    // alerts and scaling commands are actions: each input must decide each transition exactly once
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // exactly-once output is visible to read_committed consumers only after commit: a short interval
    // keeps datapoint-to-alert latency low at the cost of more (small) transactions
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(c.commitInterval().toMillis()));
    // explicit, so state never lands in a shared temp directory by accident
    p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toString());
    // standby replicas keep a warm copy of each task's stores on another instance, so a failover does not
    // replay the whole changelog; 0 by default because a single instance has nowhere to put them
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(c.standbyReplicas()));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(c.streamThreads()));
    // the record cache absorbs repeated writes of one state between commits (the log-rule state uses it; the
    // threshold-rule state keeps its own decoded values and writes through); it must hold every state written in
    // one commit interval, or it evicts dirty states mid-interval (a RocksDB write plus a changelog record each)
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(64L * 1024 * 1024));
    // every datapoint writes one state record (~0.7 KB) to a changelog, besides its alerts: with the default
    // 16 KiB batches that is a produce batch every ~20 records per partition; larger batches, and a short wait
    // to fill them, cut the per-batch work of client and broker.
    // Latency is unaffected: exactly-once output becomes visible at commit, and a commit sends what is batched.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(256 * 1024));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "10");
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.Processing.class.getName());
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RetryingProductionHandler.class.getName());
    // a broker outage stalls tasks (writes, commits) rather than failing them: Kafka Streams retries a stalled
    // task until task.timeout.ms and then fails the thread. The default (5 min) would turn a long outage into
    // thread replacements; the work should simply wait, with health DEGRADED meanwhile
    p.put(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));
    // a stream thread waiting out a registry outage (a schema id it has never seen) does not poll meanwhile; it
    // keeps its partitions for this long, so an outage of minutes causes no rebalance (the consumer default, explicit)
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), Integer.toString(5 * 60 * 1000));
    // the same wait can happen while the thread's transaction is open; with Kafka Streams' 10 s the broker aborted
    // it during a 30 s registry outage, fencing the thread into a rebalance (safe, but not RUNNING). One minute
    // rides out such outages. The cost: when an instance dies and does not come back (a restart on the same state
    // directory keeps its transactional id and fences at once), read_committed readers of its partitions wait up
    // to this long for the broker to abort its open transaction.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), Integer.toString(60 * 1000));
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return p;
  }

  /**
   * Serves the endpoints, registers every written subject (waiting for the registry if it is away), then starts
   * Kafka Streams. Returns once Kafka Streams is started (not yet RUNNING).
   */
  public void start() throws IOException {
    Files.createDirectories(config.stateDir());
    if (config.httpPort() >= 0) {
      http = new StateQueryServer(streams, config.httpPort(), faults.degraded(), this::health, metrics::scrape);
      LOG.info("State query, health and metrics endpoints on http://0.0.0.0:{}/ (state, rules, health, metrics)", http.port());
    }
    watchdog.start();
    Topics.registerForWriting(writtenTopics(config, topics));
    Topics.prefetchForReading(List.of(topics.metrics(), topics.logs(), topics.rules()));
    subjectsRegistered = true;
    streams.start();
  }

  /** What {@code /health} says now. */
  public ProcessorHealth.Report health() {
    return ProcessorHealth.evaluate(new ProcessorHealth.Inputs(streams.state(), subjectsRegistered,
        topics.registry().outage().flatMap(o -> o.current()), broker.current(), replacements.recent(),
        inFlight.stuckLongerThan(ops.stuckRecordAfter()), ops.stuckRecordAfter()), Instant.now());
  }

  /** The processor's meters (Prometheus); further meters are bound here. */
  public ProcessorMetrics metrics() {
    return metrics;
  }

  /** Stream threads replaced since start. */
  public long threadReplacements() {
    return replacements.total();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** Port of the query endpoint (useful with port 0), or -1 when disabled. */
  /** Degraded rules and set-aside counters, for health and metrics. */
  public RecordFaults faults() {
    return faults;
  }

  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public void close() {
    // first: a stream thread (or start-up) waiting on an absent registry would otherwise hold up the close
    topics.registry().cancelWaits();
    streams.close(Duration.ofSeconds(30));
    watchdog.close();
    metrics.close();
    if (http != null) {
      http.close();
    }
  }
}

package io.watchstream.processor.app;

import io.watchstream.processor.topology.DeadLetterHandler;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.processor.topology.RecordFaults;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.ops.HealthReport;
import io.watchstream.runtime.ops.JsonRoute;
import io.watchstream.runtime.ops.OpsServer;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.TopicSpec;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.StreamsMetadata;
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
  private static final String STATE_NOT_QUERYABLE = "state not queryable now";

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
  private final OpsServer http;
  private final HostInfo self;
  private final RecordFaults faults;

  /** Unsecured: only {@code kafka.bootstrapServers} (tests, the bench, the local mode). */
  public ProcessorApp(ProcessorConfig config, Topics topics) {
    this(config, KafkaConnection.plain(config.kafka().bootstrapServers(), config.kafka().schemaRegistryUrl()), topics);
  }

  /** Every client Kafka Streams and the watchdog make connects through {@code connection}. */
  public ProcessorApp(ProcessorConfig config, KafkaConnection connection, Topics topics) {
    this.config = config;
    this.ops = config.ops();
    this.topics = topics;
    this.replacements = new ThreadReplacements(ops);
    Properties properties = StreamsProperties.of(config, connection);
    // the ops endpoint listens before Kafka Streams exists: its port (any free one with 0) is this instance's
    // application.server, which other instances read from the group metadata to ask it for its part of /state
    this.http = ops.httpPort() >= 0 ? listen() : null;
    if (http != null) {
      this.self = new HostInfo(advertisedHost(ops), http.port());
      properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, ClusterQueries.name(self));
    } else {
      this.self = null;
    }
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
    this.watchdog = new ProcessorWatchdog(connection.clientConfig(), ops, broker, inFlight);
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
        new TopicSpec<>(config.kafka().applicationId() + "-" + ProcessorTopology.LOGS_REPARTITION + "-repartition",
            Serdes.String(), topics.logs().valueSerde()));
  }

  /**
   * Serves the endpoints, registers every written subject (waiting for the registry if it is away), then starts
   * Kafka Streams. Returns once Kafka Streams is started (not yet RUNNING).
   */
  public void start() throws IOException {
    Files.createDirectories(config.kafka().stateDir());
    if (http != null) {
      StateQueries local = new StateQueries(streams, faults.degraded());
      ClusterQueries cluster = new ClusterQueries(self, this::instances, ops.peerTimeout());
      http.route(new JsonRoute("/state", STATE_NOT_QUERYABLE, q -> cluster.answer("/state", q, p -> local.state(p.get("rule")))));
      http.route(new JsonRoute("/rules", STATE_NOT_QUERYABLE, q -> cluster.answer("/rules", q, p -> local.rules(),
          StateQueries::mergeRules)));
      LOG.info("State query, health and metrics endpoints on http://{}:{}/ (state, rules, health, metrics), "
          + "advertised to the other instances as {}", ops.httpHost(), http.port(), ClusterQueries.name(self));
    }
    watchdog.start();
    Topics.registerForWriting(writtenTopics(config, topics));
    Topics.prefetchForReading(List.of(topics.metrics(), topics.logs(), topics.rules()));
    subjectsRegistered = true;
    streams.start();
  }

  private OpsServer listen() {
    try {
      return new OpsServer(new OpsServer.Settings(ops.httpHost(), ops.httpPort(), "processor-http", 4), this::health,
          () -> metrics == null ? "" : metrics.scrape(), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on ops port " + ops.httpPort(), e);
    }
  }

  private static String advertisedHost(ProcessorOpsConfig ops) {
    if (!ops.advertisedHost().isEmpty()) {
      return ops.advertisedHost();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return InetAddress.getLoopbackAddress().getHostAddress();
    }
  }

  /** Every instance of this application that Kafka Streams knows now (empty before the first rebalance). */
  private Set<HostInfo> instances() {
    Set<HostInfo> all = new HashSet<>();
    for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
      all.add(m.hostInfo());
    }
    return all;
  }

  /** What {@code /health} says now. */
  public HealthReport health() {
    if (streams == null) {
      return ProcessorHealth.starting();
    }
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

  /** Degraded rules and set-aside counters, for health and metrics. */
  public RecordFaults faults() {
    return faults;
  }

  /** Port of the query endpoint (useful with port 0), or -1 when disabled. */
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

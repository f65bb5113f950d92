package io.watchstream.processor.app;

import io.watchstream.processor.topology.DeadLetterHandler;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.processor.topology.RecordFaults;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of the rule engine: builds the topology, configures and runs Kafka Streams, serves the
 * state query endpoint, and closes everything in order. Reads metrics, logs and rules; writes alerts,
 * scaling commands, late data, dead letters and rejected rules, exactly once.
 */
public final class ProcessorApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorApp.class);

  private final ProcessorConfig config;
  private final KafkaStreams streams;
  private StateQueryServer http;
  private final RecordFaults faults;
  private volatile long lastFailure;
  private volatile int recentFailures;

  public ProcessorApp(ProcessorConfig config, Topics topics) {
    this.config = config;
    ProcessorTopology.Built built = ProcessorTopology.buildWithCatalog(config, topics);
    Properties properties = streamsProperties(config);
    // an object, not a string: the deserialization handler hands undecodable rule records to the topology through it
    properties.put(DeadLetterHandler.UNDECODABLE_RULES_CONFIG, built.undecodableRules());
    properties.put(DeadLetterHandler.SET_ASIDE_COUNTS_CONFIG, built.faults().counts());
    this.faults = built.faults();
    this.streams = new KafkaStreams(built.topology(), properties);
    streams.setUncaughtExceptionHandler(exception -> {
      // Under exactly-once a failed thread has aborted its transaction; a replacement resumes from the
      // last commit, so no alert is lost or duplicated. A failure that keeps coming back (a bug, not a
      // broker hiccup) would loop forever, so after a few replacements in a row the client shuts down.
      long now = System.currentTimeMillis();
      if (now - lastFailure > Duration.ofMinutes(10).toMillis()) {
        recentFailures = 0;
      }
      lastFailure = now;
      recentFailures++;
      LOG.error("Stream thread failed ({} in the last 10 minutes)", recentFailures, exception);
      return recentFailures <= 3
          ? StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD
          : StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
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
    // threshold-rule state keeps its own decoded values and writes through); at 10 MiB it evicted dirty states
    // mid-interval (a RocksDB write plus a changelog record each), which cost ~40% of the bench's throughput
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(64L * 1024 * 1024));
    // every datapoint writes one state record (~0.7 KB) to a changelog, besides its alerts: with the default
    // 16 KiB batches that is a produce batch every ~20 records per partition; larger batches, and a short wait
    // to fill them, cut the per-batch work of client and broker (the processor's bench rate rose by ~30%).
    // Latency is unaffected: exactly-once output becomes visible at commit, and a commit sends what is batched.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(256 * 1024));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "10");
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.Processing.class.getName());
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, FailLoudlyProductionHandler.class.getName());
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return p;
  }

  public void start() throws IOException {
    Files.createDirectories(config.stateDir());
    streams.start();
    if (config.httpPort() >= 0) {
      http = new StateQueryServer(streams, config.httpPort(), faults.degraded());
      LOG.info("State query endpoint on http://0.0.0.0:{}/state", http.port());
    }
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
    if (http != null) {
      http.close();
    }
    streams.close(Duration.ofSeconds(30));
  }
}

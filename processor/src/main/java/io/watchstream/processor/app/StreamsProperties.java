package io.watchstream.processor.app;

import io.watchstream.processor.topology.DeadLetterHandler;
import io.watchstream.runtime.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration the processor runs with, every setting that departs from a default set here
 * with the reason. {@link ProcessorApp} adds the objects its handlers report through; the bench runs the same.
 */
public final class StreamsProperties {

  /** Unsecured: only {@code kafka.bootstrapServers}. */
  public static Properties of(ProcessorConfig config) {
    return of(config, KafkaConnection.plain(config.kafka().bootstrapServers(), config.kafka().schemaRegistryUrl()));
  }

  /**
   * The connection's client properties (security, SASL, TLS: they reach the consumers, producers and admin client
   * Kafka Streams makes), then the processor's own settings, which win.
   */
  public static Properties of(ProcessorConfig config, KafkaConnection connection) {
    ProcessorConfig.Kafka c = config.kafka();
    Properties p = new Properties();
    p.putAll(connection.clientConfig());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
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

  private StreamsProperties() {}
}

package io.watchstream.notifier;

import io.watchstream.avro.AlarmState;
import io.watchstream.notifier.engine.IncidentKey;
import io.watchstream.notifier.ops.NotifierHealth;
import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.notifier.pipeline.NotifierPipeline;
import io.watchstream.runtime.ops.OpsServer;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.TopicSpec;
import io.watchstream.schemas.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's consumer loop and lifecycle. Reads {@code alerts} and {@code scaling-commands} (consumer group,
 * auto-commit off) and runs every batch through the {@link NotifierPipeline}: intake, the incident engine, delivery
 * to Slack and SNS with the state write, and the offset commit.
 *
 * <p>Guarantees: at-least-once consumption with commit after delivery, and no double post across restarts
 * or rebalances. For every delivered notification the pipeline first writes its idempotency keys (one per
 * alert transition and channel) and the incident's Slack message id to the compacted state topic and
 * waits for the broker's acknowledgement; only then are offsets committed. Records redelivered after a
 * crash find their keys and are skipped. The one unguarded window is between Slack accepting a message and
 * the state write (milliseconds); a crash exactly there posts that message again.
 *
 * <p>Fault model: a record that cannot be decoded (or is a tombstone) or routed, and a notification Slack rejects
 * for good, go to the dead-letter topic with {@link DeadLetterHeaders} before their offset is committed, and the
 * loop goes on with the next record. Slack or SNS being unavailable is never a dead letter: delivery waits and
 * retries with backoff for as long as the outage lasts (health DEGRADED), so no record is skipped. A wait longer
 * than the consumer's max.poll.interval costs a rebalance, not a record: the commit that fails afterwards is
 * dropped, and the records come back and are de-duplicated against the state topic.
 *
 * <p>Operations: the loop reports its progress to {@link NotifierHealth} ({@code /health}); the stages count what
 * they consume and deliver in {@link NotifierMetrics} ({@code /metrics}).
 */
public final class NotifierService implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);

  /** What the loop needs around the pipeline; built from configuration by {@link NotifierFactory}. */
  public record Parts(Properties consumerConfig, NotifierPipeline pipeline, Duration pollTimeout, NotifierMetrics metrics,
      NotifierHealth health, OpsServer http, List<AutoCloseable> resources) {
  }

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Parts p;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private final AtomicBoolean entered = new AtomicBoolean();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread loopThread;

  public NotifierService(Parts parts) {
    this.p = parts;
  }

  @Override
  public void run() {
    if (!entered.compareAndSet(false, true)) {
      return; // closed before it ran (its resources are closed already), or already running
    }
    loopThread = Thread.currentThread();
    NotifierPipeline pipeline = p.pipeline();
    // the schemas of what it reads, fetched first (waiting while the registry is away): a running notifier needs
    // the registry only for a schema id it has never seen
    Topics.prefetchForReading(pipeline.inputs());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(NotifierConsumerProperties.of(p.consumerConfig()), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      pipeline.restore(STARTUP_TIMEOUT);
      p.health().stateRestored();
      List<String> topics = pipeline.inputs().stream().map(TopicSpec::name).toList();
      c.subscribe(topics, new Rebalance());
      LOG.info("Notifier consuming {} and {}", topics.get(0), topics.get(1));
      started.countDown();
      try {
        while (running) {
          pipeline.accept(c.poll(p.pollTimeout()));
          int open = pipeline.afterBatch(c);
          p.metrics().openIncidents(open);
          p.health().polled(open);
        }
      } finally {
        if (!running) {
          // close() interrupted a delivery to end it; the clients must not see that interrupt while they close
          // (Kafka logs "Failed to close coordinator" and "Interrupted while joining ioThread" as errors)
          Thread.interrupted();
        }
      }
    } catch (RuntimeException e) {
      // close() wakes the consumer (WakeupException) and interrupts a delivery that waits for Slack or SNS
      // (Stopping, or Kafka's InterruptException from a state write): all expected while stopping.
      if (running) {
        throw e;
      }
      LOG.debug("Delivery loop stopped: {}", e.toString());
    } catch (InterruptedException e) {
      if (running) {
        Thread.currentThread().interrupt();
      }
    } finally {
      // Closing without committing is deliberate: whatever was not committed is redelivered and de-duplicated.
      consumer = null;
      boolean interrupted = Thread.interrupted(); // as above: not while the resources close
      closeResources();
      if (interrupted && running) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void closeResources() {
    p.health().stopped();
    for (AutoCloseable r : p.resources()) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Error closing {}: {}", r.getClass().getSimpleName(), e.getMessage());
      }
    }
    started.countDown();
    stopped.countDown();
  }

  public boolean awaitStarted(Duration timeout) throws InterruptedException {
    return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The port of the /health, /health/ready and /metrics endpoint, or -1 when it is turned off. */
  public int httpPort() {
    return p.http() == null ? -1 : p.http().port();
  }

  public NotifierMetrics metrics() {
    return p.metrics();
  }

  /** Latest alarm state per incident seen by this instance (used by scaling outcome checks). */
  public Map<IncidentKey, AlarmState> latestStates() {
    return p.pipeline().latestStates();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      p.pipeline().revoked(consumer, partitions);
      p.health().revoked();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      p.pipeline().assigned(STARTUP_TIMEOUT);
      KafkaConsumer<byte[], byte[]> c = consumer;
      p.health().assigned(c == null ? partitions.size() : c.assignment().size());
    }
  }

  /** Stops the loop; uncommitted records will be redelivered to the next owner and de-duplicated. */
  @Override
  public void close() {
    running = false;
    if (entered.compareAndSet(false, true)) {
      closeResources(); // never ran: nothing to stop, but the clients and the health port are open
      return;
    }
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread loop = loopThread;
    if (loop != null && loop != Thread.currentThread()) {
      loop.interrupt(); // a delivery waiting for Slack or SNS waits for as long as they are down
    }
    try {
      stopped.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

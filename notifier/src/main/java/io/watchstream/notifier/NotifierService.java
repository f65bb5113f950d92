package io.watchstream.notifier;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.notifier.delivery.IncidentPublisher;
import io.watchstream.notifier.delivery.OffsetTracker;
import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.delivery.SlackFailure;
import io.watchstream.notifier.delivery.SlackRef;
import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.notifier.engine.IncidentEngine;
import io.watchstream.notifier.engine.IncidentKey;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.notifier.engine.Router;
import io.watchstream.notifier.engine.SilenceBook;
import io.watchstream.notifier.ops.HealthServer;
import io.watchstream.notifier.ops.NotifierHealth;
import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.notifier.scaling.ScalingController;
import io.watchstream.notifier.sns.ReliableSns;
import io.watchstream.notifier.state.Json;
import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.SilenceStore;
import io.watchstream.notifier.state.StateKeys;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import io.watchstream.schemas.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's delivery loop. Reads {@code alerts} and {@code scaling-commands} (consumer group,
 * auto-commit off), asks the {@link IncidentEngine} what to say, says it on Slack (and SNS), and acts on
 * scaling commands through the {@link ScalingController}.
 *
 * <p>Guarantees: at-least-once consumption with commit after delivery, and no double post across restarts
 * or rebalances. For every delivered notification the loop first writes its idempotency keys (one per
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
 * <p>Operations: the loop reports its progress to {@link NotifierHealth} ({@code /health}) and counts what it
 * consumes and delivers in {@link NotifierMetrics} ({@code /metrics}).
 */
public final class NotifierService implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);

  /** What the loop needs; built from configuration by {@link NotifierFactory}. */
  public record Parts(
      Properties consumerConfig,
      TopicSpec<AlertKey, AlertTransition> alerts,
      TopicSpec<ScalingCommandKey, ScalingCommand> scalingCommands,
      IncidentEngine engine,
      Router router,
      IncidentPublisher publisher,
      NotifierStateStore state,
      SilenceStore silenceStore,
      SilenceBook silences,
      DeadLetters deadLetters,
      ReliableSns sns,
      ScalingController scaling,
      Clock clock,
      Duration pollTimeout,
      Duration stateRetention,
      NotifierHooks hooks,
      NotifierMetrics metrics,
      NotifierHealth health,
      HealthServer http,
      List<AutoCloseable> resources) {
  }

  /**
   * Delivery is synchronous and may wait out Slack's Retry-After and backoff (minutes in the worst case): a long
   * poll interval keeps a slow Slack from getting this instance kicked out of the group. /health uses the same limit.
   */
  public static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(15);

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Parts p;
  private final OffsetTracker tracker = new OffsetTracker();
  private final Map<IncidentKey, io.watchstream.avro.AlarmState> latestStates = new ConcurrentHashMap<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private final AtomicBoolean entered = new AtomicBoolean();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread loopThread;
  private Instant lastExpiry = Instant.EPOCH;

  public NotifierService(Parts parts) {
    this.p = parts;
  }

  @Override
  public void run() {
    if (!entered.compareAndSet(false, true)) {
      return; // closed before it ran (its resources are closed already), or already running
    }
    loopThread = Thread.currentThread();
    // the schemas of what it reads, fetched first (waiting while the registry is away): a running notifier needs
    // the registry only for a schema id it has never seen
    io.watchstream.schemas.Topics.prefetchForReading(List.of(p.alerts(), p.scalingCommands()));
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      p.state().catchUp(STARTUP_TIMEOUT);
      p.silenceStore().poll(p.silences(), STARTUP_TIMEOUT);
      restoreGroups();
      if (p.scaling() != null) {
        p.scaling().restore();
      }
      p.health().stateRestored();
      c.subscribe(List.of(p.alerts().name(), p.scalingCommands().name()), new Rebalance());
      LOG.info("Notifier consuming {} and {}", p.alerts().name(), p.scalingCommands().name());
      started.countDown();
      while (running) {
        var records = c.poll(p.pollTimeout());
        p.silenceStore().poll(p.silences(), Duration.ZERO);
        for (ConsumerRecord<byte[], byte[]> r : records) {
          Position pos = new Position(new TopicPartition(r.topic(), r.partition()), r.offset());
          if (r.topic().equals(p.alerts().name())) {
            handleAlert(r, pos);
          } else {
            handleScaling(r);
          }
          tracker.handled(pos);
        }
        Instant now = p.clock().instant();
        IncidentEngine.Tick tick = p.engine().tick(now);
        tick.notifications().forEach(this::deliver);
        tick.released().forEach(s -> tracker.release((Position) s));
        if (p.scaling() != null) {
          p.scaling().tick(now, latestStates);
        }
        expireOldKeys(now);
        commit();
        int open = p.engine().openGroups().size();
        p.metrics().openIncidents(open);
        p.health().polled(open);
      }
    } catch (RuntimeException e) {
      // close() wakes the consumer (WakeupException) and interrupts a delivery that waits for Slack or SNS
      // (Stopping, or Kafka's InterruptException from a state write): all expected while stopping.
      if (running) {
        throw e;
      }
      LOG.debug("Delivery loop stopped: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Closing without committing is deliberate: whatever was not committed is redelivered and de-duplicated.
      consumer = null;
      closeResources();
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
    return started.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The port of the /health and /metrics endpoint, or -1 when it is turned off. */
  public int httpPort() {
    return p.http() == null ? -1 : p.http().port();
  }

  public NotifierMetrics metrics() {
    return p.metrics();
  }

  /** Latest alarm state per incident seen by this instance (used by scaling outcome checks). */
  public Map<IncidentKey, io.watchstream.avro.AlarmState> latestStates() {
    return latestStates;
  }

  private Properties consumerProperties() {
    Properties props = new Properties();
    props.putAll(p.consumerConfig());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // commit after delivery, never before
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // the processor writes with EOS
    // Delivery is synchronous and may wait out Slack's Retry-After and backoff (minutes in the worst case):
    // small batches and a long poll interval keep a slow Slack from getting this instance kicked out of the group.
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) MAX_POLL_INTERVAL.toMillis());
    return props;
  }

  /**
   * Makes the engine's posted conversations match the state topic: after a rebalance another instance may
   * have opened, edited or closed incidents this one still remembers differently. Group waits in progress
   * are this instance's own and stay.
   */
  private void restoreGroups() {
    Map<io.watchstream.notifier.engine.GroupKey, GroupState> stored = new LinkedHashMap<>();
    p.state().openGroups().forEach(g -> stored.put(g.key(), g));
    for (GroupState mine : p.engine().openGroups()) {
      if (!stored.containsKey(mine.key()) && mine.lastNotifiedAt() != null) {
        p.engine().forget(mine.key());
      }
    }
    int restored = 0;
    for (GroupState g : stored.values()) {
      if (!p.engine().isPending(g.key())) {
        p.engine().restore(g);
        restored++;
      }
    }
    if (restored > 0) {
      LOG.info("Synchronised {} open incidents from the state topic", restored);
    }
  }

  private void handleAlert(ConsumerRecord<byte[], byte[]> r, Position pos) throws InterruptedException {
    p.metrics().alertConsumed();
    if (r.value() == null) {
      // The processor never writes tombstones to alerts: a null value is a bad record, not a deletion.
      p.deadLetters().record(r, Kind.BAD_RECORD, "decode", null, "null value (tombstone) on " + r.topic(), null);
      return;
    }
    AlertTransition t;
    try {
      t = p.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (t == null || t.getAlertId() == null || t.getRuleId() == null) {
        throw new IllegalArgumentException("alert without alertId or ruleId");
      }
    } catch (RuntimeException e) {
      if (io.watchstream.schemas.SchemaRegistryException.isRegistryUnavailable(e)) {
        // the registry client waits out outages and gives up only when closing: the record is fine, it is not
        // committed and is read again after the restart
        throw e;
      }
      p.deadLetters().record(r, Kind.BAD_RECORD, "decode", e, null, null);
      return;
    }
    Alert alert = Alert.from(t);
    latestStates.put(alert.incident(), alert.toState());
    if (p.sns() != null) {
      publishToSns(t, r, pos);
    }
    Set<String> channels = p.router().channelsFor(alert);
    if (channels.isEmpty()) {
      p.deadLetters().record(r, Kind.UNDELIVERABLE, "route", null, "no route and no default channel for rule "
          + alert.ruleId(), alert.ruleId());
      return;
    }
    Instant now = p.clock().instant();
    for (String channel : channels) {
      if (p.state().contains(StateKeys.sent(channel, alert.alertId()))) {
        LOG.debug("Skipping {} for {}: already delivered", alert.alertId(), channel);
        continue;
      }
      IncidentEngine.Outcome outcome = p.engine().offer(channel, alert, pos, now);
      if (outcome.retained()) {
        tracker.hold(pos);
      }
      for (Notification n : outcome.notifications()) {
        deliver(n);
      }
    }
  }

  private void publishToSns(AlertTransition t, ConsumerRecord<byte[], byte[]> r, Position pos) throws InterruptedException {
    String key = StateKeys.done("sns|" + t.getAlertId());
    if (p.state().contains(key)) {
      return;
    }
    try {
      String messageId = p.sns().publish(t);
      p.metrics().snsPublished(true);
      LOG.debug("Published {} to SNS as {}", t.getAlertId(), messageId);
    } catch (ReliableSns.Rejected e) {
      p.metrics().snsPublished(false);
      p.deadLetters().record(r, Kind.UNDELIVERABLE, "sns", e, null, t.getRuleId().toString());
    }
    p.state().write(Map.of(key, stamp()));
  }

  private void handleScaling(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
    if (r.value() == null) {
      p.deadLetters().record(r, Kind.BAD_RECORD, "decode", null, "null value (tombstone) on " + r.topic(), null);
      return;
    }
    ScalingCommand cmd;
    try {
      cmd = p.scalingCommands().valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      if (io.watchstream.schemas.SchemaRegistryException.isRegistryUnavailable(e)) {
        // the registry client waits out outages and gives up only when closing: the record is fine, it is not
        // committed and is read again after the restart
        throw e;
      }
      p.deadLetters().record(r, Kind.BAD_RECORD, "decode", e, null, null);
      return;
    }
    if (p.scaling() == null) {
      p.metrics().scalingCommand("refused", "scaling_disabled");
      LOG.warn("Ignoring scaling command {} for {}: scaling is not configured", cmd.getIdempotencyKey(),
          cmd.getAutoScalingGroup());
      return;
    }
    p.scaling().handle(cmd, p.clock().instant());
  }

  private void deliver(Notification n) {
    String channel = n.group().key().channel();
    boolean already = n.idempotencyKey() != null && p.state().contains(StateKeys.done(n.idempotencyKey()));
    SlackRef ref = SlackRef.NONE;
    if (!already) {
      try {
        ref = p.publisher().publish(n);
      } catch (SlackFailure f) {
        p.deadLetters().notification(f, n.group().key().ruleId(), firstSource(n),
            n.group().key().id().getBytes(StandardCharsets.UTF_8), describe(n).getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopping(e);
      }
    }
    GroupState updated = p.engine().delivered(n, ref.channelId(), ref.ts(), p.clock().instant());
    Map<String, String> writes = new LinkedHashMap<>();
    if (updated != null) {
      writes.put(StateKeys.group(updated.key()), updated.isResolved() ? null : Json.write(updated));
    }
    for (String alertId : n.alertIds()) {
      writes.put(StateKeys.sent(channel, alertId), stamp());
    }
    if (n.idempotencyKey() != null) {
      writes.put(StateKeys.done(n.idempotencyKey()), stamp());
    }
    p.state().write(writes);
    p.hooks().afterStateWritten(n);
    n.sources().forEach(s -> tracker.release((Position) s));
  }

  private String stamp() {
    return Long.toString(p.clock().millis());
  }

  /** Idempotency keys are only needed while a redelivery is possible; drop them after the retention. */
  private void expireOldKeys(Instant now) {
    if (Duration.between(lastExpiry, now).compareTo(Duration.ofHours(1)) < 0) {
      return;
    }
    lastExpiry = now;
    long cutoff = now.minus(p.stateRetention()).toEpochMilli();
    Map<String, String> tombstones = new LinkedHashMap<>();
    for (String prefix : List.of(StateKeys.SENT, StateKeys.DONE)) {
      p.state().withPrefix(prefix).forEach((k, v) -> {
        try {
          if (Long.parseLong(v) < cutoff) {
            tombstones.put(k, null);
          }
        } catch (NumberFormatException e) {
          tombstones.put(k, null);
        }
      });
    }
    if (!tombstones.isEmpty()) {
      p.state().write(tombstones);
      LOG.info("Expired {} idempotency keys older than {}", tombstones.size(), p.stateRetention());
    }
  }

  private static String describe(Notification n) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", n.kind().name());
    d.put("group", n.group().key().id());
    d.put("alertIds", n.alertIds());
    d.put("note", n.note());
    d.put("trigger", n.trigger());
    d.put("members", n.group().members().keySet());
    return Json.write(d);
  }

  private static DeadLetterHeaders.Source firstSource(Notification n) {
    for (Object s : n.sources()) {
      if (s instanceof Position pos) {
        return new DeadLetterHeaders.Source(pos.partition().topic(), pos.partition().partition(), pos.offset());
      }
    }
    return null;
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
    if (!offsets.isEmpty() && consumer != null) {
      try {
        consumer.commitSync(offsets);
        tracker.committed(offsets);
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // Out of the group after a long wait for Slack or SNS: the next poll rejoins, whoever owns the partitions
        // then reads these records again and finds them delivered in the state topic.
        LOG.warn("Offset commit refused by the group ({}); the records will be redelivered and de-duplicated",
            e.getClass().getSimpleName());
      }
    }
  }

  /** close() interrupted a delivery that was waiting for a dependency. */
  private static final class Stopping extends RuntimeException {
    Stopping(InterruptedException cause) {
      super("stopping while waiting for a dependency", cause);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Another instance will own these records next: finish group waits now rather than leave them half-told.
      IncidentEngine.Tick tick = p.engine().flushPending(p.clock().instant());
      tick.notifications().forEach(NotifierService.this::deliver);
      tick.released().forEach(s -> tracker.release((Position) s));
      commit();
      tracker.revoke(partitions);
      p.health().revoked();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // The previous owner may have delivered (and recorded) things we have not seen yet.
      p.state().catchUp(STARTUP_TIMEOUT);
      restoreGroups();
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
      stopped.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.watchstream.notifier.pipeline;

import io.watchstream.avro.AlarmState;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.notifier.delivery.IncidentPublisher;
import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.engine.IncidentEngine;
import io.watchstream.notifier.engine.IncidentKey;
import io.watchstream.notifier.engine.SilenceBook;
import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.SilenceStore;
import io.watchstream.schemas.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The notification path as a pipeline of stages, in the manner of Alertmanager's notify pipeline. An alert record
 * goes through {@link AlertIntake} (decode) → {@link SnsDelivery} → {@link AlertIntake} (route, de-duplicate by state
 * key) → {@link IncidentStage} (the pure incident engine) → {@link SlackDelivery} (Slack, then the state write); a
 * scaling command goes through {@link ScalingIntake}. After each batch the engine's due notifications are delivered,
 * scaling outcomes checked, old idempotency keys expired, and {@link OffsetCommit} commits what was delivered.
 * Single-threaded: the consumer's poll thread runs every stage, including the rebalance callbacks.
 */
public final class NotifierPipeline {

  /** The compacted topics the pipeline mirrors: its state, and the silences it applies. */
  public record Stores(NotifierStateStore state, SilenceStore silenceStore, SilenceBook silences) {
  }

  private final Stores stores;
  private final AlertIntake alerts;
  private final ScalingIntake scaling;
  private final SnsDelivery sns;
  private final IncidentStage incidents;
  private final SlackDelivery slack;
  private final OffsetCommit commit = new OffsetCommit();
  private final KeyExpiry expiry;
  private final Clock clock;

  public NotifierPipeline(Stores stores, AlertIntake alerts, ScalingIntake scaling, SnsDelivery sns,
      IncidentEngine<Position> engine, IncidentPublisher publisher, DeadLetters deadLetters, NotifierHooks hooks,
      Duration stateRetention, Clock clock) {
    this.stores = stores;
    this.alerts = alerts;
    this.scaling = scaling;
    this.sns = sns;
    this.incidents = new IncidentStage(engine, stores.state(), commit);
    this.slack = new SlackDelivery(publisher, incidents, stores.state(), deadLetters, commit, hooks, clock);
    this.expiry = new KeyExpiry(stores.state(), stateRetention);
    this.clock = clock;
  }

  /** The topics the pipeline consumes. */
  public List<TopicSpec<?, ?>> inputs() {
    return List.of(alerts.topic(), scaling.topic());
  }

  /** Loads what the stages remember from the compacted topics, before anything is consumed. */
  public void restore(Duration timeout) {
    stores.state().catchUp(timeout);
    stores.silenceStore().poll(stores.silences(), timeout);
    incidents.synchronise();
    scaling.restore();
  }

  /** Runs one polled batch through the stages, record by record. */
  public void accept(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    stores.silenceStore().poll(stores.silences(), Duration.ZERO);
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Position position = new Position(new TopicPartition(r.topic(), r.partition()), r.offset());
      if (r.topic().equals(alerts.topic().name())) {
        acceptAlert(r, position);
      } else {
        scaling.accept(r, clock.instant());
      }
      commit.handled(position);
    }
  }

  private void acceptAlert(ConsumerRecord<byte[], byte[]> r, Position position) throws InterruptedException {
    var consumed = alerts.decode(r, position);
    if (consumed.isEmpty()) {
      return;
    }
    sns.publish(consumed.get());
    Instant now = clock.instant();
    for (ChannelOffer offer : alerts.route(consumed.get())) {
      incidents.offer(offer, now).forEach(slack::deliver);
    }
  }

  /** The end of a batch: due notifications, scaling outcomes, key expiry, commit. Returns the open incidents. */
  public int afterBatch(Consumer<?, ?> consumer) throws InterruptedException {
    Instant now = clock.instant();
    incidents.due(now, false, slack);
    scaling.tick(now, alerts.latestStates());
    expiry.expire(now);
    commit.commit(consumer);
    return incidents.openIncidents();
  }

  /** Another instance will own these records next: finish group waits now rather than leave them half-told. */
  public void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    incidents.due(clock.instant(), true, slack);
    commit.commit(consumer);
    commit.revoke(partitions);
  }

  /** The previous owner may have delivered (and recorded) things this instance has not seen yet. */
  public void assigned(Duration timeout) {
    stores.state().catchUp(timeout);
    incidents.synchronise();
  }

  /** Latest alarm state per incident seen by this instance (used by scaling outcome checks). */
  public Map<IncidentKey, AlarmState> latestStates() {
    return alerts.latestStates();
  }
}

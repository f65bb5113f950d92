package io.watchstream.notifier.pipeline;

import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.engine.GroupKey;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.notifier.engine.IncidentEngine;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.notifier.state.NotifierStateStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pure {@link IncidentEngine} as a stage: offers go in, notifications come out, and what the engine holds in a
 * group wait is held from commit too ({@link OffsetCommit}). It also keeps the engine's posted conversations in step
 * with the state topic ({@link #synchronise}).
 */
public final class IncidentStage {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentStage.class);

  private final IncidentEngine<Position> engine;
  private final NotifierStateStore state;
  private final OffsetCommit commit;

  public IncidentStage(IncidentEngine<Position> engine, NotifierStateStore state, OffsetCommit commit) {
    this.engine = engine;
    this.state = state;
    this.commit = commit;
  }

  /** What the engine says about one offer, to deliver now. */
  public List<Notification<Position>> offer(ChannelOffer offer, Instant now) {
    IncidentEngine.Outcome<Position> outcome = engine.offer(offer.channel(), offer.alert(), offer.position(), now);
    if (outcome.retained()) {
      commit.hold(offer.position());
    }
    return outcome.notifications();
  }

  /**
   * Delivers, through {@code delivery}, what is due at {@code now} (group waits over, flapping ended, reminders), then
   * releases the records of groups that ended their wait without a message; {@code flush} ends every wait now.
   */
  public void due(Instant now, boolean flush, SlackDelivery delivery) {
    IncidentEngine.Tick<Position> tick = flush ? engine.flushPending(now) : engine.tick(now);
    tick.notifications().forEach(delivery::deliver);
    commit.release(tick.released());
  }

  /** Records a delivery; the group as it is now, for the state topic (null when the engine no longer knows it). */
  public GroupState delivered(Notification<Position> n, String channelId, String ts, Instant now) {
    return engine.delivered(n, channelId, ts, now);
  }

  public int openIncidents() {
    return engine.openGroups().size();
  }

  /**
   * Makes the engine's posted conversations match the state topic: after a rebalance another instance may
   * have opened, edited or closed incidents this one still remembers differently. Group waits in progress
   * are this instance's own and stay.
   */
  public void synchronise() {
    Map<GroupKey, GroupState> stored = new LinkedHashMap<>();
    state.openGroups().forEach(g -> stored.put(g.key(), g));
    for (GroupState mine : engine.openGroups()) {
      if (!stored.containsKey(mine.key()) && mine.lastNotifiedAt() != null) {
        engine.forget(mine.key());
      }
    }
    int restored = 0;
    for (GroupState g : stored.values()) {
      if (!engine.isPending(g.key())) {
        engine.restore(g);
        restored++;
      }
    }
    if (restored > 0) {
      LOG.info("Synchronised {} open incidents from the state topic", restored);
    }
  }
}

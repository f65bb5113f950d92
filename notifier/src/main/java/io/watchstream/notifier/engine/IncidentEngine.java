package io.watchstream.notifier.engine;

import io.watchstream.avro.AlarmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what to tell each channel about alert transitions: grouping with a group wait, repeat
 * reminders, silences, flapping. Pure and single-threaded: time is passed in ({@code now}), nothing is
 * sent here. The caller delivers the returned {@link Notification}s in order and reports success with
 * {@link #delivered}; until then a group's state already reflects the transition, so a later update shows
 * the truth even if one message was dead-lettered. {@code S} is the caller's token for the consumed record
 * behind a transition; the engine only hands it back in the notifications (or releases) it belongs to.
 *
 * <p>Rules: only ALARM (or a processor reminder for an unknown incident) opens a conversation; a silence
 * mutes ALARM, INSUFFICIENT_DATA and reminders but never the resolution of a conversation that was posted;
 * a group whose members all recover during the group wait is dropped without a post.
 */
public final class IncidentEngine<S> {

  private final EngineSettings settings;
  private final SilenceBook silences;
  private final FlapHolds flaps;
  private final Reminders reminders;
  private final Map<GroupKey, GroupState> open = new LinkedHashMap<>();
  private final GroupWaits<S> pending = new GroupWaits<>();

  /** What {@link #offer} decided: notifications to deliver now, and whether the source is held in a group wait. */
  public record Outcome<S>(List<Notification<S>> notifications, boolean retained) {
  }

  /** What {@link #tick} decided: notifications due now, and held sources released without any message. */
  public record Tick<S>(List<Notification<S>> notifications, List<S> released) {
  }

  public IncidentEngine(EngineSettings settings, SilenceBook silences) {
    this.settings = settings;
    this.silences = silences;
    this.flaps = new FlapHolds(settings);
    this.reminders = new Reminders(settings.repeatInterval(), silences);
  }

  /** Restores a conversation from the state topic after a restart or rebalance. */
  public void restore(GroupState state) {
    open.put(state.key(), state);
  }

  /** True while the group is inside its group wait (not posted yet, only this instance knows it). */
  public boolean isPending(GroupKey key) {
    return pending.contains(key);
  }

  /** Drops a conversation another instance closed (seen as a tombstone in the state topic). */
  public void forget(GroupKey key) {
    if (!pending.contains(key)) {
      open.remove(key);
    }
  }

  /** Ends every group wait now: used before partitions move to another instance in a rebalance. */
  public Tick<S> flushPending(Instant now) {
    pending.endAll(now);
    return tick(now);
  }

  public Collection<GroupState> openGroups() {
    return List.copyOf(open.values());
  }

  public GroupKey groupOf(String channel, Alert alert) {
    return new GroupKey(channel, alert.ruleId(), settings.groupByRule() ? GroupKey.ALL_SERIES : alert.seriesKey());
  }

  public Outcome<S> offer(String channel, Alert alert, S source, Instant now) {
    GroupKey key = groupOf(channel, alert);
    boolean silenced = silences.matching(alert, channel, now).isPresent();
    boolean startedFlapping = flaps.observe(alert, now);
    boolean isFlapping = flaps.isFlapping(alert.incident());

    if (pending.contains(key)) {
      GroupState state = open.get(key);
      Member previous = state.members().get(alert.seriesKey());
      if (previous == null && (alert.toState() != AlarmState.ALARM || silenced)) {
        return new Outcome<>(List.of(), false);
      }
      Member member = previous == null ? new Member(alert, alert.transitionTime(), isFlapping) : previous.absorb(alert);
      open.put(key, state.withMember(alert.seriesKey(), member.withFlapping(isFlapping)));
      pending.join(key, alert.alertId(), source);
      return new Outcome<>(List.of(), true);
    }

    GroupState state = open.get(key);
    if (state == null) {
      boolean opens = alert.toState() == AlarmState.ALARM || startedFlapping;
      if (!opens || silenced) {
        return new Outcome<>(List.of(), false);
      }
      GroupState fresh = GroupState.open(key, now)
          .withMember(alert.seriesKey(), new Member(alert, alert.transitionTime(), isFlapping));
      open.put(key, fresh);
      if (settings.groupWait().isZero()) {
        return new Outcome<>(List.of(Notification.post(fresh, alert, source)), false);
      }
      pending.start(key, now.plus(settings.groupWait()), alert.alertId(), source);
      return new Outcome<>(List.of(), true);
    }

    return new Outcome<>(updateOpen(key, state, alert, source, silenced, startedFlapping, isFlapping), false);
  }

  private List<Notification<S>> updateOpen(GroupKey key, GroupState state, Alert alert, S source,
      boolean silenced, boolean startedFlapping, boolean isFlapping) {
    Member previous = state.members().get(alert.seriesKey());
    Member member = (previous == null ? new Member(alert, alert.transitionTime(), false) : previous.absorb(alert))
        .withFlapping(isFlapping);
    GroupState next = state.withMember(alert.seriesKey(), member);
    open.put(key, next);
    if (startedFlapping) {
      return List.of(Notification.update(next, alert, flaps.announcement(), source));
    }
    if (isFlapping) {
      return List.of(); // held: the flapping announcement already said so
    }
    if (alert.reminder() && previous != null) {
      return List.of(); // the engine's own repeat interval decides when to remind
    }
    if (previous == null && alert.toState() != AlarmState.ALARM) {
      return List.of(); // a recovery of a series we never announced adds nothing
    }
    if (silenced && !next.isResolved()) {
      return List.of();
    }
    return List.of(Notification.update(next, alert, null, source));
  }

  /** Flushes group waits, ends flapping holds and emits repeat reminders that are due at {@code now}. */
  public Tick<S> tick(Instant now) {
    List<Notification<S>> out = new ArrayList<>();
    List<S> released = new ArrayList<>();
    pending.takeDue(now).forEach((key, wait) -> {
      GroupState state = open.get(key);
      if (!state.anyFiring()) {
        open.remove(key); // recovered during the group wait: nothing worth a message
        released.addAll(wait.sources());
        return;
      }
      out.add(Notification.postAfterWait(state, wait.alertIds(), wait.sources()));
    });
    out.addAll(endFlapping(now));
    flaps.prune(now);
    out.addAll(reminders.<S>due(List.copyOf(open.values()), pending::contains, now));
    return new Tick<>(out, released);
  }

  /** Releases series that were held as flapping and are quiet now, announcing it on posted groups. */
  private List<Notification<S>> endFlapping(Instant now) {
    List<Notification<S>> out = new ArrayList<>();
    for (IncidentKey incident : flaps.release(now)) {
      for (GroupState state : List.copyOf(open.values())) {
        Member m = state.members().get(incident.seriesKey());
        if (m == null || !m.flapping() || !state.key().ruleId().equals(incident.ruleId())) {
          continue;
        }
        GroupState current = state.withMember(incident.seriesKey(), m.withFlapping(false));
        open.put(state.key(), current);
        if (!pending.contains(state.key())) {
          out.add(Notification.stableAgain(current, m));
        }
      }
    }
    return out;
  }

  /**
   * Records that a notification reached Slack (or was handed to the dead-letter topic): stores the
   * message reference, moves the repeat clock, and closes the conversation once it is resolved.
   */
  public GroupState delivered(Notification<S> n, String channelId, String ts, Instant now) {
    GroupState state = open.get(n.group().key());
    if (state == null) {
      return null;
    }
    String keepChannel = channelId != null ? channelId : state.slackChannelId();
    String keepTs = ts != null ? ts : state.slackTs();
    GroupState updated = state.posted(keepChannel, keepTs, now);
    if (updated.isResolved()) {
      open.remove(updated.key());
    } else {
      open.put(updated.key(), updated);
    }
    return updated;
  }
}

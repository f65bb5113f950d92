package io.watchstream.notifier.engine;

import io.watchstream.avro.AlarmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides what to tell each channel about alert transitions: grouping with a group wait, repeat
 * reminders, silences, flapping. Pure and single-threaded: time is passed in ({@code now}), nothing is
 * sent here. The caller delivers the returned {@link Notification}s in order and reports success with
 * {@link #delivered}; until then a group's state already reflects the transition, so a later update shows
 * the truth even if one message was dead-lettered.
 *
 * <p>Rules: only ALARM (or a processor reminder for an unknown incident) opens a conversation; a silence
 * mutes ALARM, INSUFFICIENT_DATA and reminders but never the resolution of a conversation that was posted;
 * a group whose members all recover during the group wait is dropped without a post.
 */
public final class IncidentEngine {

  private final EngineSettings settings;
  private final SilenceBook silences;
  private final FlapDetector flaps;
  private final Map<GroupKey, GroupState> open = new LinkedHashMap<>();
  private final Map<GroupKey, Pending> pending = new LinkedHashMap<>();
  private final Set<IncidentKey> flapping = new HashSet<>();

  /** A group inside its group wait, with the consumed records it holds back from commit. */
  private record Pending(Instant flushAt, List<String> alertIds, List<Object> sources) {
  }

  /** What {@link #offer} decided: notifications to deliver now, and whether the source is held in a group wait. */
  public record Outcome(List<Notification> notifications, boolean retained) {
  }

  /** What {@link #tick} decided: notifications due now, and held sources released without any message. */
  public record Tick(List<Notification> notifications, List<Object> released) {
  }

  public IncidentEngine(EngineSettings settings, SilenceBook silences) {
    this.settings = settings;
    this.silences = silences;
    this.flaps = new FlapDetector(settings.flapMaxFlips(), settings.flapWindow(), settings.flapQuiet());
  }

  /** Restores a conversation from the state topic after a restart or rebalance. */
  public void restore(GroupState state) {
    open.put(state.key(), state);
  }

  public boolean isOpen(GroupKey key) {
    return open.containsKey(key);
  }

  /** True while the group is inside its group wait (not posted yet, only this instance knows it). */
  public boolean isPending(GroupKey key) {
    return pending.containsKey(key);
  }

  /** Drops a conversation another instance closed (seen as a tombstone in the state topic). */
  public void forget(GroupKey key) {
    if (!pending.containsKey(key)) {
      open.remove(key);
    }
  }

  /** Ends every group wait now: used before partitions move to another instance in a rebalance. */
  public Tick flushPending(Instant now) {
    pending.replaceAll((k, p) -> new Pending(now, p.alertIds(), p.sources()));
    return tick(now);
  }

  public Collection<GroupState> openGroups() {
    return List.copyOf(open.values());
  }

  public GroupKey groupOf(String channel, Alert alert) {
    return new GroupKey(channel, alert.ruleId(), settings.groupByRule() ? GroupKey.ALL_SERIES : alert.seriesKey());
  }

  public Outcome offer(String channel, Alert alert, Object source, Instant now) {
    GroupKey key = groupOf(channel, alert);
    boolean silenced = silences.matching(alert, channel, now).isPresent();
    boolean startedFlapping = false;
    if (alert.isFlip() && flaps.recordFlip(alert.incident(), now) && flapping.add(alert.incident())) {
      startedFlapping = true;
    }
    boolean isFlapping = flapping.contains(alert.incident());

    Pending waiting = pending.get(key);
    if (waiting != null) {
      GroupState state = open.get(key);
      Member previous = state.members().get(alert.seriesKey());
      if (previous == null && (alert.toState() != AlarmState.ALARM || silenced)) {
        return new Outcome(List.of(), false);
      }
      Member member = previous == null ? new Member(alert, alert.transitionTime(), isFlapping) : previous.absorb(alert);
      open.put(key, state.withMember(alert.seriesKey(), member.withFlapping(isFlapping)));
      waiting.alertIds().add(alert.alertId());
      waiting.sources().add(source);
      return new Outcome(List.of(), true);
    }

    GroupState state = open.get(key);
    if (state == null) {
      boolean opens = alert.toState() == AlarmState.ALARM || startedFlapping;
      if (!opens || silenced) {
        return new Outcome(List.of(), false);
      }
      GroupState fresh = GroupState.open(key, now)
          .withMember(alert.seriesKey(), new Member(alert, alert.transitionTime(), isFlapping));
      open.put(key, fresh);
      List<String> ids = new ArrayList<>(List.of(alert.alertId()));
      List<Object> sources = new ArrayList<>();
      sources.add(source);
      if (settings.groupWait().isZero()) {
        return new Outcome(List.of(new Notification(Notification.Kind.POST, fresh, alert, null,
            "post|" + key.id() + "|" + alert.alertId(), ids, sources)), false);
      }
      pending.put(key, new Pending(now.plus(settings.groupWait()), ids, sources));
      return new Outcome(List.of(), true);
    }

    return new Outcome(updateOpen(key, state, alert, source, silenced, startedFlapping, isFlapping), false);
  }

  private List<Notification> updateOpen(GroupKey key, GroupState state, Alert alert, Object source,
      boolean silenced, boolean startedFlapping, boolean isFlapping) {
    Member previous = state.members().get(alert.seriesKey());
    Member member = (previous == null ? new Member(alert, alert.transitionTime(), false) : previous.absorb(alert))
        .withFlapping(isFlapping);
    GroupState next = state.withMember(alert.seriesKey(), member);
    open.put(key, next);
    if (startedFlapping) {
      String note = "Flapping: more than " + settings.flapMaxFlips() + " state changes in "
          + settings.flapWindow().toMinutes() + " min. Further changes are held until it is stable for "
          + settings.flapQuiet().toMinutes() + " min.";
      return List.of(new Notification(Notification.Kind.UPDATE, next, alert, note,
          "update|" + key.id() + "|" + alert.alertId(), List.of(alert.alertId()), List.of(source)));
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
    boolean resolves = next.isResolved();
    if (silenced && !resolves) {
      return List.of();
    }
    return List.of(new Notification(Notification.Kind.UPDATE, next, alert, null,
        "update|" + key.id() + "|" + alert.alertId(), List.of(alert.alertId()), List.of(source)));
  }

  /** Flushes group waits, ends flapping holds and emits repeat reminders that are due at {@code now}. */
  public Tick tick(Instant now) {
    List<Notification> out = new ArrayList<>();
    List<Object> released = new ArrayList<>();
    for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().flushAt().isAfter(now)) {
        continue;
      }
      it.remove();
      GroupState state = open.get(e.getKey());
      if (!state.anyFiring()) {
        open.remove(e.getKey()); // recovered during the group wait: nothing worth a message
        released.addAll(e.getValue().sources());
        continue;
      }
      Alert first = state.latestAlert();
      out.add(new Notification(Notification.Kind.POST, state, first, null,
          "post|" + e.getKey().id() + "|" + String.join(",", e.getValue().alertIds()),
          e.getValue().alertIds(), e.getValue().sources()));
    }
    for (var it = flapping.iterator(); it.hasNext(); ) {
      IncidentKey incident = it.next();
      if (!flaps.isQuiet(incident, now)) {
        continue;
      }
      it.remove();
      for (GroupState state : List.copyOf(open.values())) {
        Member m = state.members().get(incident.seriesKey());
        if (m == null || !m.flapping() || !state.key().ruleId().equals(incident.ruleId())) {
          continue;
        }
        GroupState current = state.withMember(incident.seriesKey(), m.withFlapping(false));
        open.put(state.key(), current);
        if (!pending.containsKey(state.key())) {
          out.add(new Notification(Notification.Kind.UPDATE, current, m.latest(), "Stable again, now " + m.state() + ".",
              "flap-end|" + state.key().id() + "|" + m.latest().alertId(), List.of(), List.of()));
        }
      }
    }
    flaps.prune(now);
    for (GroupState state : List.copyOf(open.values())) {
      if (pending.containsKey(state.key()) || state.lastNotifiedAt() == null) {
        continue;
      }
      GroupState current = state;
      boolean remindersDue = current.anyFiring()
          && !current.lastNotifiedAt().plus(settings.repeatInterval()).isAfter(now)
          && current.members().values().stream().anyMatch(m -> m.state() == AlarmState.ALARM && !m.flapping()
              && silences.matching(m.latest(), state.key().channel(), now).isEmpty());
      if (remindersDue) {
        long firing = current.members().values().stream().filter(m -> m.state() == AlarmState.ALARM).count();
        out.add(new Notification(Notification.Kind.UPDATE, current, null,
            "Still firing: " + firing + " series in ALARM.",
            "repeat|" + state.key().id() + "|" + current.lastNotifiedAt().toEpochMilli(), List.of(), List.of()));
      }
    }
    return new Tick(out, released);
  }

  /**
   * Records that a notification reached Slack (or was handed to the dead-letter topic): stores the
   * message reference, moves the repeat clock, and closes the conversation once it is resolved.
   */
  public GroupState delivered(Notification n, String channelId, String ts, Instant now) {
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

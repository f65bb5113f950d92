package io.watchstream.notifier.engine;

import io.watchstream.avro.AlarmState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@link IncidentEngine}'s repeat reminders: a posted group that still has an unsilenced, non-flapping series in
 * ALARM is reminded about once per repeat interval, counted from its last notification.
 */
final class Reminders {

  private final Duration repeatInterval;
  private final SilenceBook silences;

  Reminders(Duration repeatInterval, SilenceBook silences) {
    this.repeatInterval = repeatInterval;
    this.silences = silences;
  }

  /** The reminders due at {@code now}; groups for which {@code waiting} holds are skipped. */
  <S> List<Notification<S>> due(Collection<GroupState> open, Predicate<GroupKey> waiting, Instant now) {
    List<Notification<S>> out = new ArrayList<>();
    for (GroupState state : open) {
      if (waiting.test(state.key()) || state.lastNotifiedAt() == null) {
        continue;
      }
      boolean due = state.anyFiring()
          && !state.lastNotifiedAt().plus(repeatInterval).isAfter(now)
          && state.members().values().stream().anyMatch(m -> m.state() == AlarmState.ALARM && !m.flapping()
              && silences.matching(m.latest(), state.key().channel(), now).isEmpty());
      if (due) {
        long firing = state.members().values().stream().filter(m -> m.state() == AlarmState.ALARM).count();
        out.add(new Notification<>(Notification.Kind.UPDATE, state, null,
            "Still firing: " + firing + " series in ALARM.",
            "repeat|" + state.key().id() + "|" + state.lastNotifiedAt().toEpochMilli(), List.of(), List.of()));
      }
    }
    return out;
  }
}

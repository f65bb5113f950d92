package io.watchstream.notifier.engine;

import java.util.List;

/**
 * Something to tell a channel, decided by the {@link IncidentEngine}. {@code POST} opens a new incident
 * message; {@code UPDATE} edits it in place (bot mode) and adds a thread reply describing {@code trigger}
 * or {@code note}. The {@code idempotencyKey} is recorded in the state topic once delivered, and
 * {@code sources} are the consumed records whose offsets may be committed after delivery ({@code S}: whatever the
 * caller offered the engine as the source of a transition; the notifier uses consumer positions).
 */
public record Notification<S>(
    Kind kind,
    GroupState group,
    Alert trigger,
    String note,
    String idempotencyKey,
    List<String> alertIds,
    List<S> sources) {

  public enum Kind { POST, UPDATE }

  public Notification {
    alertIds = List.copyOf(alertIds);
    sources = List.copyOf(sources);
  }

  // The idempotency keys below are stored in the state topic by running notifiers: their formats must not change.

  /** The first message of a group posted without a group wait, keyed by the alert that opened it. */
  static <S> Notification<S> post(GroupState group, Alert alert, S source) {
    return new Notification<>(Kind.POST, group, alert, null, "post|" + group.key().id() + "|" + alert.alertId(),
        List.of(alert.alertId()), List.of(source));
  }

  /** The first message of a group at the end of its group wait, keyed by every alert that joined it. */
  static <S> Notification<S> postAfterWait(GroupState group, List<String> alertIds, List<S> sources) {
    return new Notification<>(Kind.POST, group, group.latestAlert(), null,
        "post|" + group.key().id() + "|" + String.join(",", alertIds), alertIds, sources);
  }

  /** An update of a posted group for one transition, with an optional note. */
  static <S> Notification<S> update(GroupState group, Alert alert, String note, S source) {
    return new Notification<>(Kind.UPDATE, group, alert, note, "update|" + group.key().id() + "|" + alert.alertId(),
        List.of(alert.alertId()), List.of(source));
  }

  /** An update saying that a member held as flapping is quiet again; it commits no record. */
  static <S> Notification<S> stableAgain(GroupState group, Member member) {
    return new Notification<>(Kind.UPDATE, group, member.latest(), "Stable again, now " + member.state() + ".",
        "flap-end|" + group.key().id() + "|" + member.latest().alertId(), List.of(), List.of());
  }
}

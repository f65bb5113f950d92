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
}

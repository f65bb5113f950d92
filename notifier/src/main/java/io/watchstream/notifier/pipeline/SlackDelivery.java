package io.watchstream.notifier.pipeline;

import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.notifier.delivery.IncidentPublisher;
import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.delivery.SlackFailure;
import io.watchstream.notifier.delivery.SlackRef;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.notifier.state.Json;
import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.StateKeys;
import io.watchstream.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivers the engine's notifications to Slack (reliably: outages are waited out, a message Slack rejects for good is
 * dead-lettered, stage {@code deliver}), then writes, in one acknowledged state write, the group as it is now (a
 * tombstone once resolved), the {@code sent} key of every alert in it and the notification's own {@code done} key;
 * only then are its records released for commit. A notification whose {@code done} key is already there is not
 * posted again, but its state is still written.
 */
public final class SlackDelivery {

  private final IncidentPublisher publisher;
  private final IncidentStage incidents;
  private final NotifierStateStore state;
  private final DeadLetters deadLetters;
  private final OffsetCommit commit;
  private final NotifierHooks hooks;
  private final Clock clock;

  public SlackDelivery(IncidentPublisher publisher, IncidentStage incidents, NotifierStateStore state,
      DeadLetters deadLetters, OffsetCommit commit, NotifierHooks hooks, Clock clock) {
    this.publisher = publisher;
    this.incidents = incidents;
    this.state = state;
    this.deadLetters = deadLetters;
    this.commit = commit;
    this.hooks = hooks;
    this.clock = clock;
  }

  /** Throws {@link Stopping} when closing interrupts a wait for Slack. */
  public void deliver(Notification<Position> n) {
    String channel = n.group().key().channel();
    boolean already = n.idempotencyKey() != null && state.contains(StateKeys.done(n.idempotencyKey()));
    SlackRef ref = SlackRef.NONE;
    if (!already) {
      try {
        ref = publisher.publish(n);
      } catch (SlackFailure f) {
        deadLetters.notification(f, n.group().key().ruleId(), firstSource(n),
            n.group().key().id().getBytes(StandardCharsets.UTF_8), describe(n).getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopping(e);
      }
    }
    GroupState updated = incidents.delivered(n, ref.channelId(), ref.ts(), clock.instant());
    Map<String, String> writes = new LinkedHashMap<>();
    if (updated != null) {
      writes.put(StateKeys.group(updated.key()), updated.isResolved() ? null : Json.write(updated));
    }
    String stamp = Long.toString(clock.millis());
    for (String alertId : n.alertIds()) {
      writes.put(StateKeys.sent(channel, alertId), stamp);
    }
    if (n.idempotencyKey() != null) {
      writes.put(StateKeys.done(n.idempotencyKey()), stamp);
    }
    state.write(writes);
    hooks.afterStateWritten(n);
    commit.release(n.sources());
  }

  private static String describe(Notification<?> n) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", n.kind().name());
    d.put("group", n.group().key().id());
    d.put("alertIds", n.alertIds());
    d.put("note", n.note());
    d.put("trigger", n.trigger());
    d.put("members", n.group().members().keySet());
    return Json.write(d);
  }

  private static DeadLetterHeaders.Source firstSource(Notification<Position> n) {
    return n.sources().stream().findFirst()
        .map(p -> new DeadLetterHeaders.Source(p.partition().topic(), p.partition().partition(), p.offset()))
        .orElse(null);
  }

  /** Closing interrupted a delivery that was waiting for a dependency. */
  public static final class Stopping extends RuntimeException {
    Stopping(InterruptedException cause) {
      super("stopping while waiting for a dependency", cause);
    }
  }
}

package io.watchstream.notifier;

import io.watchstream.notifier.engine.Notification;

/** Test seams in the delivery loop; production uses {@link #NONE}. */
public interface NotifierHooks {

  NotifierHooks NONE = new NotifierHooks() {
  };

  /**
   * Called after a notification reached Slack and its idempotency keys were written to the state topic,
   * before the consumer offsets are committed. A test throws here to simulate a crash in that window.
   */
  default void afterStateWritten(Notification<?> n) {
  }
}

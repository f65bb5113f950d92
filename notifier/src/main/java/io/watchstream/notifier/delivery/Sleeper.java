package io.watchstream.notifier.delivery;

import java.time.Duration;

/** Waiting, abstracted so tests can observe back-off without sleeping. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration d) throws InterruptedException;

  Sleeper REAL = d -> {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis());
    }
  };
}

package io.watchstream.notifier.engine;

import io.watchstream.avro.AlarmState;
import java.time.Instant;

/**
 * One series inside an incident message: its latest transition, since when it has been in its current
 * state, and whether it is held as flapping (its flips are absorbed instead of posted).
 */
public record Member(Alert latest, Instant since, boolean flapping) {

  public AlarmState state() {
    return latest.toState();
  }

  Member absorb(Alert next) {
    Instant newSince = next.isFlip() ? next.transitionTime() : since;
    return new Member(next, newSince, flapping);
  }

  Member withFlapping(boolean value) {
    return new Member(latest, since, value);
  }
}

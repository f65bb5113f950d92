package io.watchstream.notifier.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which series the {@link IncidentEngine} holds as flapping: a series starts flapping when its {@link FlapDetector}
 * says it flips too often, and is released once it has been quiet for the quiet period.
 */
final class FlapHolds {

  private final EngineSettings settings;
  private final FlapDetector flaps;
  private final Set<IncidentKey> flapping = new HashSet<>();

  FlapHolds(EngineSettings settings) {
    this.settings = settings;
    this.flaps = new FlapDetector(settings.flapMaxFlips(), settings.flapWindow(), settings.flapQuiet());
  }

  /** Counts the alert's flip, if it is one; true when this flip made its series start flapping. */
  boolean observe(Alert alert, Instant now) {
    return alert.isFlip() && flaps.recordFlip(alert.incident(), now) && flapping.add(alert.incident());
  }

  boolean isFlapping(IncidentKey incident) {
    return flapping.contains(incident);
  }

  /** Removes and returns the series that are quiet again at {@code now}, then forgets old flips. */
  List<IncidentKey> release(Instant now) {
    List<IncidentKey> quiet = new ArrayList<>();
    for (var it = flapping.iterator(); it.hasNext(); ) {
      IncidentKey incident = it.next();
      if (flaps.isQuiet(incident, now)) {
        it.remove();
        quiet.add(incident);
      }
    }
    return quiet;
  }

  void prune(Instant now) {
    flaps.prune(now);
  }

  /** The thread note that announces a series starting to flap. */
  String announcement() {
    return "Flapping: more than " + settings.flapMaxFlips() + " state changes in "
        + settings.flapWindow().toMinutes() + " min. Further changes are held until it is stable for "
        + settings.flapQuiet().toMinutes() + " min.";
  }
}

package io.watchstream.notifier.ops;

import io.watchstream.notifier.delivery.DependencyStatus;
import io.watchstream.runtime.ops.HealthReport;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code /health} says about the delivery loop. The loop reports its progress here (written by the loop
 * thread, read by the HTTP thread, hence volatile); {@link #report} turns it into UP, DEGRADED or DOWN with a reason.
 *
 * <p>DEGRADED (HTTP 200: restarting would not bring Slack back) means delivery is waiting for a dependency that is
 * unavailable (Slack, SNS): nothing is skipped or dead-lettered meanwhile, the body names each dependency, the reason
 * and for how long. While something waits, a poll gap is that wait, not a fault of this instance.
 *
 * <p>UP means: the notifier state topic has been read to its end (so nothing already delivered is posted again),
 * the consumer has joined its group and received an assignment (possibly empty: a spare instance is healthy), and
 * the loop has polled within {@code maxPollGap}. The gap matches the consumer's max.poll.interval: a loop slower
 * than that is out of the group anyway, while shorter waits are Slack back-off, not a fault worth a restart.
 */
public final class NotifierHealth implements DependencyStatus {

  private record Wait(String reason, long sinceMillis) {
  }

  private final Clock clock;
  private final Duration maxPollGap;
  private volatile boolean stateRestored;
  private volatile int assignedPartitions = -1;
  private volatile long lastPollMillis = -1;
  private volatile boolean stopped;
  private volatile int openIncidents;
  private final Map<String, Wait> waiting = new ConcurrentHashMap<>();

  public NotifierHealth(Clock clock, Duration maxPollGap) {
    this.clock = clock;
    this.maxPollGap = maxPollGap;
  }

  public void stateRestored() {
    stateRestored = true;
  }

  /** The partitions this instance owns after a rebalance. */
  public void assigned(int partitions) {
    assignedPartitions = partitions;
  }

  /** Partitions were revoked: until the next assignment the instance delivers nothing. */
  public void revoked() {
    assignedPartitions = -1;
  }

  public void polled(int openIncidents) {
    this.openIncidents = openIncidents;
    lastPollMillis = clock.millis();
  }

  public void stopped() {
    stopped = true;
  }

  @Override
  public void waiting(String dependency, String reason) {
    Wait before = waiting.get(dependency);
    waiting.put(dependency, new Wait(reason, before == null ? clock.millis() : before.sinceMillis()));
  }

  @Override
  public void recovered(String dependency) {
    waiting.remove(dependency);
  }

  /** DOWN (503, not ready) with the reason; DEGRADED (200) while delivery waits for a dependency; UP otherwise. */
  public HealthReport report() {
    Map<String, Wait> waits = new TreeMap<>(waiting);
    String reason = downReason(!waits.isEmpty());
    Map<String, Object> details = new LinkedHashMap<>();
    if (!waits.isEmpty()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      waits.forEach((dependency, w) -> {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("reason", w.reason());
        one.put("sinceSecondsAgo", Math.max(0, clock.millis() - w.sinceMillis()) / 1000.0);
        detail.put(dependency, one);
      });
      details.put("waiting", detail);
    }
    details.put("stateRestored", stateRestored);
    details.put("assignedPartitions", Math.max(0, assignedPartitions));
    long last = lastPollMillis;
    details.put("lastPollSecondsAgo", last < 0 ? null : Math.max(0, clock.millis() - last) / 1000.0);
    details.put("openIncidents", openIncidents);
    if (reason != null) {
      return HealthReport.down(List.of(reason), details);
    }
    return HealthReport.upUnless(waits.isEmpty() ? List.of() : List.of("waiting for " + String.join(" and ", waits.keySet())),
        details);
  }

  private String downReason(boolean waitingForDependency) {
    if (stopped) {
      return "the delivery loop has stopped";
    }
    if (!stateRestored) {
      return "restoring the notifier state topic";
    }
    if (assignedPartitions < 0) {
      return "waiting for a partition assignment from the consumer group";
    }
    long last = lastPollMillis;
    if (last < 0) {
      return "not polling yet";
    }
    long gap = clock.millis() - last;
    if (gap > maxPollGap.toMillis() && !waitingForDependency) {
      return "no poll for " + gap / 1000 + " s (limit " + maxPollGap.toSeconds() + " s)";
    }
    return null;
  }
}

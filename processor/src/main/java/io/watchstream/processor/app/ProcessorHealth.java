package io.watchstream.processor.app;

import io.watchstream.runtime.ops.HealthReport;
import io.watchstream.runtime.ops.HealthStatus;
import io.watchstream.schemas.RegistryOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code GET /health} says, decided from what the processor knows about itself:
 * <ul>
 *   <li><b>DOWN</b> (HTTP 503: restart me) — the Kafka Streams client is not running and will not by itself
 *       (ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING);
 *   <li><b>DEGRADED</b> (HTTP 200: alive, do not restart; alert on it) — it runs or is starting but something
 *       holds work back: waiting on the schema registry, the broker unreachable, a stream thread replaced
 *       recently, a stream thread stuck on one record, still starting or rebalancing;
 *   <li><b>UP</b> (HTTP 200) — RUNNING with none of the above.
 * </ul>
 * {@link HealthReport#ready()} (for {@code /health/ready}) is true once start-up registered every subject and the
 * client is RUNNING or REBALANCING.
 */
public final class ProcessorHealth {

  /** The processor's own observations at one instant. */
  public record Inputs(
      KafkaStreams.State streamsState,
      boolean subjectsRegistered,
      Optional<RegistryOutage.Wait> registryWait,
      Optional<BrokerReachability.Unreachable> brokerUnreachable,
      Optional<ThreadReplacements.Replacement> recentReplacement,
      List<InFlightRecords.Stuck> stuck,
      Duration stuckBound) {}

  /** Before the Kafka Streams client exists (the ops endpoint listens first, so its port can be advertised). */
  public static HealthReport starting() {
    return new HealthReport(HealthStatus.DEGRADED, List.of("starting: building the Kafka Streams client"), false,
        Map.of("streams", "NONE"));
  }

  /** The verdict: status, one line per reason (empty when UP), readiness, and the Kafka Streams state as {@code streams}. */
  public static HealthReport evaluate(Inputs in, Instant now) {
    List<String> reasons = new ArrayList<>();
    KafkaStreams.State state = in.streamsState();
    boolean down = switch (state) {
      case ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING -> true;
      default -> false;
    };
    if (down) {
      reasons.add("Kafka Streams is " + state);
    }
    in.registryWait().ifPresent(w -> reasons.add("waiting on the schema registry since " + w.since() + " ("
        + seconds(w.since(), now) + " s, " + w.waitingCalls() + " call(s)): " + w.lastError()));
    if (!in.subjectsRegistered() && !down) {
      reasons.add("starting: registering the subjects it writes");
    }
    in.brokerUnreachable().ifPresent(b -> reasons.add("broker unreachable since " + b.since() + " ("
        + seconds(b.since(), now) + " s): " + b.reason()));
    in.recentReplacement().ifPresent(r -> reasons.add("stream thread replaced at " + r.at() + " (" + r.inARow()
        + " in a row) after " + r.failure()));
    for (InFlightRecords.Stuck s : in.stuck()) {
      reasons.add("stream thread " + s.thread() + " stuck for " + s.elapsed().toSeconds() + " s (bound "
          + in.stuckBound().toSeconds() + " s) on one record in " + s.processor() + (s.source().isEmpty() ? "" : " from " + s.source()));
    }
    if (in.subjectsRegistered() && (state == KafkaStreams.State.CREATED || state == KafkaStreams.State.REBALANCING)) {
      reasons.add("Kafka Streams is " + state);
    }
    boolean ready = in.subjectsRegistered() && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
    HealthStatus status = down ? HealthStatus.DOWN : reasons.isEmpty() ? HealthStatus.UP : HealthStatus.DEGRADED;
    return new HealthReport(status, reasons, ready, Map.of("streams", state.toString()));
  }

  private static long seconds(Instant since, Instant now) {
    return Math.max(0, Duration.between(since, now).toSeconds());
  }

  private ProcessorHealth() {}
}

package io.watchstream.processor.topology;

import io.watchstream.schemas.RecordBounds;
import java.time.Duration;
import java.util.Objects;

/**
 * What the rule logic of {@link ProcessorTopology} is parameterised with, apart from the rules themselves. The
 * application builds it from its configuration; tests and replay build it directly, so the topology does not
 * depend on how the processor is configured.
 *
 * @param evaluationInterval how often (in stream time and in wall-clock time) every (rule, series) is re-evaluated
 * @param idleAfter wall-clock time without input after which event time is extrapolated, so dead sources still close periods
 * @param recordBounds how far ahead of and behind the wall clock an input event may be stamped (see {@link RecordBounds})
 */
public record TopologySettings(Duration evaluationInterval, Duration idleAfter, RecordBounds recordBounds) {

  public TopologySettings {
    Objects.requireNonNull(evaluationInterval, "evaluationInterval");
    Objects.requireNonNull(idleAfter, "idleAfter");
    Objects.requireNonNull(recordBounds, "recordBounds");
  }

  /** The same settings with other record bounds (replay runs {@link RecordBounds#UNBOUNDED}). */
  public TopologySettings withRecordBounds(RecordBounds bounds) {
    return new TopologySettings(evaluationInterval, idleAfter, bounds);
  }
}

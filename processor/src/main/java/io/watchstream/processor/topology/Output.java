package io.watchstream.processor.topology;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;

/** What the rule processors emit; the topology routes each kind to its topic. */
public sealed interface Output {

  record Alert(AlertKey key, AlertTransition value) implements Output {}

  record Scaling(ScalingCommandKey key, ScalingCommand value) implements Output {}

  /**
   * A log line that arrived after its window closed (beyond the rule's grace); re-encoded, as its raw bytes are
   * those of the repartition topic by then (datapoints and records set aside before the repartition go raw, see
   * {@link SetAside}).
   */
  record LateLog(LogStreamKey key, LogEvent value) implements Output {}

  /** A rule record from the rules topic that was not accepted (previous version stays in force). */
  record RejectedRule(String ruleId, RuleRecord value) implements Output {}
}

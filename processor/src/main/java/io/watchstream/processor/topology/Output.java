package io.watchstream.processor.topology;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;

/** What the rule processors emit; the topology routes each kind to its topic. */
public sealed interface Output {

  record Alert(AlertKey key, AlertTransition value) implements Output {}

  record Scaling(ScalingCommandKey key, ScalingCommand value) implements Output {}

  /** A datapoint that arrived after its period closed (beyond the rule's grace). */
  record LateMetric(MetricSeriesKey key, MetricDatapoint value) implements Output {}

  record LateLog(LogStreamKey key, LogEvent value) implements Output {}

  /** A record that decoded but cannot be used (null or non-finite value, key/value disagree). */
  record InvalidMetric(MetricSeriesKey key, MetricDatapoint value) implements Output {}

  record InvalidLog(LogStreamKey key, LogEvent value) implements Output {}

  /** A rule record from the rules topic that was not accepted (previous version stays in force). */
  record RejectedRule(String ruleId, RuleRecord value) implements Output {}
}

package io.watchstream.schemas;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every topic of the pipeline, in one place: logical name, default name, key and value types (hence serdes, see
 * {@link Topics#spec}), cleanup policy, partitions and retention. Topic creation ({@code TopicSetup}) and every
 * service take their topics from here; the groups below say which service creates which.
 */
public final class TopicCatalogue {

  private static final OptionalInt DATA = OptionalInt.empty();
  private static final OptionalInt ONE = OptionalInt.of(1);

  public static final TopicDefinition METRICS = base("metrics", MetricSeriesKey.class, MetricDatapoint.class,
      CleanupPolicy.DELETE, DATA, "CloudWatch datapoints, written by ingest, read by the processor");
  public static final TopicDefinition LOGS = base("logs", LogStreamKey.class, LogEvent.class,
      CleanupPolicy.DELETE, DATA, "CloudWatch Logs events, written by ingest, read by the processor");
  public static final TopicDefinition RULES = base("rules", String.class, RuleRecord.class,
      CleanupPolicy.COMPACT, ONE, "alert rules by id (small, read whole by every processor instance)");
  public static final TopicDefinition ALERTS = base("alerts", AlertKey.class, AlertTransition.class,
      CleanupPolicy.DELETE, DATA, "alert state transitions, written by the processor, read by the notifier");
  public static final TopicDefinition SCALING_COMMANDS = base("scalingCommands", ScalingCommandKey.class,
      ScalingCommand.class, CleanupPolicy.DELETE, DATA, "scaling commands, written by the processor, read by the notifier");
  public static final TopicDefinition ANOMALY_SCORES = base("anomalyScores", MetricSeriesKey.class, AnomalyScore.class,
      CleanupPolicy.DELETE, DATA, "anomaly scores of anomaly rules, written by the processor");
  public static final TopicDefinition INGEST_CHECKPOINTS = base("ingestCheckpoints", String.class, byte[].class,
      CleanupPolicy.COMPACT, ONE, "ingest's per-series and per-log-source progress, written in its transactions");
  public static final TopicDefinition NOTIFIER_STATE = base("notifierState", String.class, String.class,
      CleanupPolicy.COMPACT, ONE, "the notifier's incidents and delivery log (JSON), read whole at start-up");
  public static final TopicDefinition SILENCES = base("silences", String.class, String.class,
      CleanupPolicy.COMPACT, ONE, "silences by id (JSON), written by the silence command, read by the notifier");

  public static final TopicDefinition METRICS_DLQ = deadLetters(METRICS, "metrics ingest or the processor set aside");
  public static final TopicDefinition LOGS_DLQ = deadLetters(LOGS, "log events ingest or the processor set aside");
  public static final TopicDefinition RULES_DLQ = deadLetters(RULES, "undecodable rule records");
  public static final TopicDefinition ALERTS_DLQ = deadLetters(ALERTS, "alerts the notifier could not deliver or read");
  public static final TopicDefinition METRICS_LATE = derived(METRICS, ".late", MetricSeriesKey.class, MetricDatapoint.class,
      "datapoints that arrived after their window's grace period");
  public static final TopicDefinition LOGS_LATE = derived(LOGS, ".late", LogStreamKey.class, LogEvent.class,
      "log events that arrived after their window's grace period");
  public static final TopicDefinition RULES_REJECTED = derived(RULES, ".rejected", String.class, RuleRecord.class,
      "rule records that failed validation (the previous version stays in force)");

  private static final List<TopicDefinition> ALL = List.of(METRICS, LOGS, RULES, ALERTS, SCALING_COMMANDS, ANOMALY_SCORES,
      INGEST_CHECKPOINTS, NOTIFIER_STATE, SILENCES, METRICS_DLQ, LOGS_DLQ, RULES_DLQ, ALERTS_DLQ, METRICS_LATE, LOGS_LATE,
      RULES_REJECTED);
  private static final Map<String, TopicDefinition> BY_LOGICAL =
      ALL.stream().collect(Collectors.toUnmodifiableMap(TopicDefinition::logical, Function.identity()));

  /** What ingest creates at start-up when missing. */
  public static final List<TopicDefinition> INGEST = List.of(METRICS, LOGS, METRICS_DLQ, LOGS_DLQ, INGEST_CHECKPOINTS);
  /** What the processor creates at start-up when missing. */
  public static final List<TopicDefinition> PROCESSOR = List.of(METRICS, LOGS, RULES, ALERTS, SCALING_COMMANDS,
      ANOMALY_SCORES, METRICS_LATE, LOGS_LATE, METRICS_DLQ, LOGS_DLQ, RULES_DLQ, RULES_REJECTED);
  /** What the notifier creates at start-up when missing. */
  public static final List<TopicDefinition> NOTIFIER = List.of(NOTIFIER_STATE, SILENCES, ALERTS_DLQ);

  private TopicCatalogue() {}

  /** Every topic of the pipeline (local mode and the benchmarks create all of them). */
  public static List<TopicDefinition> definitions() {
    return ALL;
  }

  /** The definition with this logical name, e.g. {@code scalingCommands} or {@code metrics.dlq}. */
  public static Optional<TopicDefinition> byLogical(String logical) {
    return Optional.ofNullable(BY_LOGICAL.get(logical));
  }

  private static TopicDefinition base(String logical, Class<?> key, Class<?> value, CleanupPolicy cleanup,
      OptionalInt partitions, String purpose) {
    return new TopicDefinition(logical, logical, "", key, value, cleanup, partitions, Optional.empty(), purpose);
  }

  private static TopicDefinition deadLetters(TopicDefinition of, String what) {
    return derived(of, TopicNames.DEAD_LETTER_SUFFIX, byte[].class, byte[].class,
        what + ", as the bytes they came as, with DeadLetterHeaders");
  }

  private static TopicDefinition derived(TopicDefinition of, String suffix, Class<?> key, Class<?> value, String purpose) {
    return new TopicDefinition(of.logical() + suffix, of.logical(), suffix, key, value, CleanupPolicy.DELETE,
        DATA, Optional.empty(), purpose);
  }
}

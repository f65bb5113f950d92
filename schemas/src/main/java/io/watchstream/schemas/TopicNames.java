package io.watchstream.schemas;

import java.util.Map;
import java.util.Objects;

/**
 * Names of every topic the pipeline reads or writes. Defaults match the README and design notes;
 * each can be overridden (e.g. to run a replay with its own output topics).
 */
public record TopicNames(
    String metrics,
    String logs,
    String rules,
    String alerts,
    String scalingCommands,
    String anomalyScores,
    String ingestCheckpoints,
    String notifierState,
    String silences) {

  public TopicNames {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(scalingCommands, "scalingCommands");
    Objects.requireNonNull(anomalyScores, "anomalyScores");
    Objects.requireNonNull(ingestCheckpoints, "ingestCheckpoints");
    Objects.requireNonNull(notifierState, "notifierState");
    Objects.requireNonNull(silences, "silences");
  }

  public static TopicNames defaults() {
    return new TopicNames("metrics", "logs", "rules", "alerts", "scaling-commands", "anomaly-scores",
        "ingest-checkpoints", "notifier-state", "silences");
  }

  /** Defaults with a common prefix, e.g. {@code replay-42.} for an isolated replay run. */
  public static TopicNames withPrefix(String prefix) {
    TopicNames d = defaults();
    return new TopicNames(prefix + d.metrics, prefix + d.logs, prefix + d.rules, prefix + d.alerts,
        prefix + d.scalingCommands, prefix + d.anomalyScores, prefix + d.ingestCheckpoints,
        prefix + d.notifierState, prefix + d.silences);
  }

  /** Applies overrides such as {@code WATCHSTREAM_TOPIC_ALERTS=prod.alerts} (keys are the record component names, upper snake case). */
  public TopicNames withOverrides(Map<String, String> env) {
    return new TopicNames(
        env.getOrDefault("WATCHSTREAM_TOPIC_METRICS", metrics),
        env.getOrDefault("WATCHSTREAM_TOPIC_LOGS", logs),
        env.getOrDefault("WATCHSTREAM_TOPIC_RULES", rules),
        env.getOrDefault("WATCHSTREAM_TOPIC_ALERTS", alerts),
        env.getOrDefault("WATCHSTREAM_TOPIC_SCALING_COMMANDS", scalingCommands),
        env.getOrDefault("WATCHSTREAM_TOPIC_ANOMALY_SCORES", anomalyScores),
        env.getOrDefault("WATCHSTREAM_TOPIC_INGEST_CHECKPOINTS", ingestCheckpoints),
        env.getOrDefault("WATCHSTREAM_TOPIC_NOTIFIER_STATE", notifierState),
        env.getOrDefault("WATCHSTREAM_TOPIC_SILENCES", silences));
  }

  /** Dead-letter topic of an input topic: undecodable or invalid records, with error headers. */
  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }

  /** Late-data topic of an input topic: records that arrived after their window's grace period. */
  public static String lateData(String topic) {
    return topic + ".late";
  }

  /** Rule records that failed validation; the previous version of the rule stays in force. */
  public String rulesRejected() {
    return rules + ".rejected";
  }
}

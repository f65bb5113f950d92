package io.watchstream.schemas;

import java.util.List;
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

  /** The logical names of the base topics, in record order: each is a component of this record. */
  public static final List<String> LOGICAL = List.of("metrics", "logs", "rules", "alerts", "scalingCommands",
      "anomalyScores", "ingestCheckpoints", "notifierState", "silences");

  public static final String DEAD_LETTER_SUFFIX = ".dlq";
  public static final String LATE_DATA_SUFFIX = ".late";
  public static final String REJECTED_SUFFIX = ".rejected";

  /** The configured name of the base topic {@code logical} (one of {@link #LOGICAL}). */
  public String name(String logical) {
    return switch (logical) {
      case "metrics" -> metrics;
      case "logs" -> logs;
      case "rules" -> rules;
      case "alerts" -> alerts;
      case "scalingCommands" -> scalingCommands;
      case "anomalyScores" -> anomalyScores;
      case "ingestCheckpoints" -> ingestCheckpoints;
      case "notifierState" -> notifierState;
      case "silences" -> silences;
      default -> throw new IllegalArgumentException("no base topic with the logical name '" + logical + "' (known: " + LOGICAL + ")");
    };
  }

  /** These names with {@code byLogical} (logical name to topic name) replacing some; blank names are ignored. */
  public TopicNames with(Map<String, String> byLogical) {
    for (String logical : byLogical.keySet()) {
      name(logical);
    }
    java.util.function.Function<String, String> pick = logical -> {
      String n = byLogical.get(logical);
      return n == null || n.isBlank() ? name(logical) : n;
    };
    return new TopicNames(pick.apply("metrics"), pick.apply("logs"), pick.apply("rules"), pick.apply("alerts"),
        pick.apply("scalingCommands"), pick.apply("anomalyScores"), pick.apply("ingestCheckpoints"),
        pick.apply("notifierState"), pick.apply("silences"));
  }

  /** The environment variable that overrides {@code logical}: {@code scalingCommands} -> {@code WATCHSTREAM_TOPIC_SCALING_COMMANDS}. */
  public static String envVariable(String logical) {
    return "WATCHSTREAM_TOPIC_" + logical.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Applies overrides such as {@code WATCHSTREAM_TOPIC_ALERTS=prod.alerts}: one variable per logical name
   * ({@link #envVariable}); unset or blank variables leave the name as it is.
   */
  public TopicNames withOverrides(Map<String, String> env) {
    Map<String, String> byLogical = new java.util.HashMap<>();
    for (String logical : LOGICAL) {
      String value = env.get(envVariable(logical));
      if (value != null) {
        byLogical.put(logical, value);
      }
    }
    return with(byLogical);
  }

  /** Dead-letter topic of an input topic: undecodable or invalid records, with error headers. */
  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }

  /** Late-data topic of an input topic: records that arrived after their window's grace period. */
  public static String lateData(String topic) {
    return topic + LATE_DATA_SUFFIX;
  }

  /** Rule records that failed validation; the previous version of the rule stays in force. */
  public String rulesRejected() {
    return rules + REJECTED_SUFFIX;
  }
}

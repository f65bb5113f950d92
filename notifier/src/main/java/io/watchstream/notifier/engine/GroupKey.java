package io.watchstream.notifier.engine;

/**
 * One Slack conversation about an incident: a channel plus a rule, and either one series or, when
 * grouping by rule, {@link #ALL_SERIES} so that several series of the rule firing together share a message.
 */
public record GroupKey(String channel, String ruleId, String seriesKey) {

  public static final String ALL_SERIES = "*";

  /** Stable textual id, used as the state-topic key and in idempotency keys. */
  public String id() {
    return channel + "|" + ruleId + "|" + seriesKey;
  }

  public static GroupKey parse(String id) {
    String[] parts = id.split("\\|", 3);
    return new GroupKey(parts[0], parts[1], parts[2]);
  }
}

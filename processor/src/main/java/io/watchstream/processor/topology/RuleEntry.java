package io.watchstream.processor.topology;

/**
 * Value of the global rules store: the rule definition in force (last valid record for this id) and, if
 * the newest record on the topic was rejected, that record and why. A rejected record never replaces the
 * definition in force.
 */
public record RuleEntry(
    String ruleId,
    int version,
    String kind,
    String definitionJson,
    String source,
    long publishedAt,
    Rejection rejected) {

  /** A record from the rules topic that could not be used. */
  public record Rejection(int version, String definitionJson, String source, String error, long offset, int partition) {}

  public boolean inForce() {
    return definitionJson != null;
  }

  RuleEntry withRejection(Rejection r) {
    return new RuleEntry(ruleId, version, kind, definitionJson, source, publishedAt, r);
  }
}

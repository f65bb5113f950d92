package io.watchstream.processor.topology;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules our own code failed on (a {@link RuntimeException} or {@link StackOverflowError} from an evaluation,
 * a pattern or an extractor), shared by every task of the application: rule id → how often, the last error and
 * since when. A degraded rule keeps being evaluated on the records it does not fail on; {@code GET /rules} shows
 * the list. Thread-safe.
 */
public final class DegradedRules {

  /** One rule's failures: {@code lastError} is the exception class and its message, cut short. */
  public record Degradation(String ruleId, long failures, String lastError, Instant since, Instant last) {}

  private static final int MAX_ERROR_CHARS = 300;
  private final Map<String, Degradation> byRule = new ConcurrentHashMap<>();

  /** Records one failure of {@code ruleId} at wall-clock time {@code wallMs}; returns whether it is the rule's first. */
  public boolean failed(String ruleId, Throwable error, long wallMs) {
    String text = error.getClass().getName() + ": " + error.getMessage();
    String cut = text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    Instant at = Instant.ofEpochMilli(wallMs);
    Degradation d = byRule.merge(ruleId, new Degradation(ruleId, 1, cut, at, at),
        (old, now) -> new Degradation(ruleId, old.failures() + 1, cut, old.since(), at));
    return d.failures() == 1;
  }

  /** The degraded rules now, by rule id. */
  public Map<String, Degradation> snapshot() {
    return Map.copyOf(byRule);
  }

  /** How many rules have failed at least once (a gauge). */
  public int count() {
    return byRule.size();
  }
}

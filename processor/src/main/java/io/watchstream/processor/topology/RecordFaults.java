package io.watchstream.processor.topology;

import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.RecordBounds;
import io.watchstream.schemas.TopicNames;

/**
 * What every rule processor of one application shares for bad records and rule defects: the time bounds, the
 * degraded-rules register and the set-aside counters; and, beside them, the {@link RuleActivity} counters.
 * {@link #setAside} is the one way a processor hands a record to the dead-letter or side topic.
 */
public record RecordFaults(RecordBounds bounds, DegradedRules degraded, SetAsideCounts counts, RuleActivity activity) {

  public static RecordFaults of(RecordBounds bounds) {
    return new RecordFaults(bounds, new DegradedRules(), new SetAsideCounts(), new RuleActivity());
  }

  /** Counts the record read from {@code inputTopic} as set aside and returns the exception that hands it over. */
  public SetAside setAside(String inputTopic, SetAside s) {
    counts.add(s.toLateTopic() ? TopicNames.lateData(inputTopic) : TopicNames.deadLetter(inputTopic), s.kind());
    return s;
  }

  /** A record of {@code inputTopic} that is unusable ({@code bad-record}) or out of bounds; counted. */
  public SetAside setAside(String inputTopic, DeadLetterHeaders.Kind kind, String stage, String reason) {
    return setAside(inputTopic, SetAside.record(kind, stage, reason));
  }

  /**
   * Records that {@code ruleId} failed on a record or a punctuation. The first failure of a rule is logged with its
   * stack trace (what a developer needs); later ones by class only, as a hostile stream can repeat them per record
   * and messages may quote the record.
   */
  public void ruleFailed(String ruleId, Throwable error, long wallMs) {
    if (degraded.failed(ruleId, error, wallMs)) {
      LOG.error("Rule {} failed; it is reported degraded, the other rules go on", ruleId, error);
    } else {
      LOG.warn("Rule {} failed again: {}", ruleId, error.getClass().getName());
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordFaults.class);
}

package io.watchstream.processor.topology;

import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.TopicNames;

/**
 * What every rule processor of one application shares for bad records and rule defects: the time bounds, the
 * degraded-rules register and the set-aside counters. {@link #setAside} is the one way a processor hands a record
 * to the dead-letter or side topic.
 */
public record RecordFaults(RecordBounds bounds, DegradedRules degraded, SetAsideCounts counts) {

  public static RecordFaults of(RecordBounds bounds) {
    return new RecordFaults(bounds, new DegradedRules(), new SetAsideCounts());
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

  /** Records that {@code ruleId} failed on a record or a punctuation. */
  public void ruleFailed(String ruleId, Throwable error, long wallMs) {
    degraded.failed(ruleId, error, wallMs);
  }
}

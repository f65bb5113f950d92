package io.watchstream.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one set of headers every dead-letter and side-topic record carries, whichever service wrote it, so an
 * operator (or a test) reads every {@code *.dlq}, {@code *.late} and {@code *.rejected} topic the same way.
 *
 * <ul>
 *   <li>{@value #KIND}: why the record is here, one of {@link Kind} in kebab case ({@code bad-record},
 *       {@code out-of-bounds}, {@code late}, {@code rule-defect}, {@code undeliverable});
 *   <li>{@value #ERROR_CLASS}, {@value #ERROR_MESSAGE}: the exception (or a reason, with the class
 *       {@code io.watchstream.Reason}) that put it here;
 *   <li>{@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}: where the record was read
 *       (for a record that crossed a repartition topic, the input topic it first came from);
 *   <li>{@value #RULE_ID}: the rule involved, where one was;
 *   <li>{@value #STAGE}: the processing stage (decode, validate, evaluate, route, deliver, ...), where a
 *       service has several.
 * </ul>
 * Header values are UTF-8. The record's own headers are kept; these are added after them.
 */
public final class DeadLetterHeaders {

  public static final String KIND = "watchstream.error.kind";
  public static final String ERROR_CLASS = "watchstream.error.class";
  public static final String ERROR_MESSAGE = "watchstream.error.message";
  public static final String SOURCE_TOPIC = "watchstream.source.topic";
  public static final String SOURCE_PARTITION = "watchstream.source.partition";
  public static final String SOURCE_OFFSET = "watchstream.source.offset";
  public static final String RULE_ID = "watchstream.rule.id";
  public static final String STAGE = "watchstream.error.stage";

  /** The class name written when a record is set aside for a reason rather than an exception. */
  public static final String REASON_CLASS = "io.watchstream.Reason";

  /** Error messages are cut to this many characters: a header must never carry a whole hostile payload. */
  public static final int MAX_MESSAGE_CHARS = 1_000;

  /** Why a record left the main path. */
  public enum Kind {
    /** Undecodable, null, non-finite, inconsistent: the record itself is wrong. */
    BAD_RECORD,
    /** A timestamp outside the accepted range (too far ahead of the wall clock, or before the past bound). */
    OUT_OF_BOUNDS,
    /** Arrived after its period closed. */
    LATE,
    /** Our own code failed on this record for one rule; the rule is reported degraded. */
    RULE_DEFECT,
    /** Could not be delivered after all retries (notifier). */
    UNDELIVERABLE;

    public String header() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** Where a record was read: topic, partition, offset. */
  public record Source(String topic, int partition, long offset) {
    @Override
    public String toString() {
      return topic + "-" + partition + "@" + offset;
    }
  }

  private final RecordHeaders headers = new RecordHeaders();

  private DeadLetterHeaders(Iterable<Header> original) {
    if (original != null) {
      for (Header h : original) {
        if (!h.key().startsWith("watchstream.error") && !h.key().equals(RULE_ID)) {
          headers.add(h);
        }
      }
    }
  }

  /** Starts from the record's own headers (earlier error headers are dropped, so a record never carries two). */
  public static DeadLetterHeaders from(Iterable<Header> original) {
    return new DeadLetterHeaders(original);
  }

  public DeadLetterHeaders kind(Kind kind) {
    return put(KIND, kind.header());
  }

  public DeadLetterHeaders error(Throwable error) {
    put(ERROR_CLASS, error.getClass().getName());
    return put(ERROR_MESSAGE, truncate(String.valueOf(error.getMessage())));
  }

  /** A reason in place of an exception (a datapoint out of bounds is not an error of ours). */
  public DeadLetterHeaders reason(String reason) {
    put(ERROR_CLASS, REASON_CLASS);
    return put(ERROR_MESSAGE, truncate(reason));
  }

  public DeadLetterHeaders source(Source source) {
    if (source == null) {
      return this;
    }
    headers.remove(SOURCE_TOPIC).remove(SOURCE_PARTITION).remove(SOURCE_OFFSET);
    put(SOURCE_TOPIC, source.topic());
    put(SOURCE_PARTITION, Integer.toString(source.partition()));
    return put(SOURCE_OFFSET, Long.toString(source.offset()));
  }

  public DeadLetterHeaders source(String topic, int partition, long offset) {
    return source(new Source(topic, partition, offset));
  }

  public DeadLetterHeaders ruleId(String ruleId) {
    return ruleId == null ? this : put(RULE_ID, ruleId);
  }

  public DeadLetterHeaders stage(String stage) {
    return stage == null ? this : put(STAGE, stage);
  }

  public RecordHeaders build() {
    return headers;
  }

  /** The source a record already names in its headers (set before a repartition), or null. */
  public static Source sourceOf(Headers headers) {
    String topic = text(headers, SOURCE_TOPIC);
    String partition = text(headers, SOURCE_PARTITION);
    String offset = text(headers, SOURCE_OFFSET);
    if (topic == null || partition == null || offset == null) {
      return null;
    }
    try {
      return new Source(topic, Integer.parseInt(partition), Long.parseLong(offset));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The last value of a header as UTF-8 text, or null. */
  public static String text(Headers headers, String key) {
    if (headers == null) {
      return null;
    }
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private DeadLetterHeaders put(String key, String value) {
    headers.remove(key);
    headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  private static String truncate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "… (" + s.length() + " chars)";
  }
}

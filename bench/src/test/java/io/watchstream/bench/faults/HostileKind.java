package io.watchstream.bench.faults;

import io.watchstream.schemas.DeadLetterHeaders.Kind;
import io.watchstream.schemas.TopicNames;
import java.util.Set;

/**
 * The kinds of hostile record {@link HostileRecords} generates, each with the input topic it is written to, how many
 * of it one stream holds, and what the fault model says must become of it: a dead letter (bad record), a side-topic
 * record (out of bounds), a rule rejection, or nothing at all (the record is valid, however odd, and is simply
 * processed). Where the contract leaves a choice to the implementation (an oversized but decodable record; a pattern
 * that is linear in one design and budgeted in another) the kind says which outcomes are acceptable.
 */
enum HostileKind {
  // metrics
  METRIC_GARBAGE_VALUE(Input.METRICS, Expect.DEAD_LETTER, 600),
  METRIC_UNKNOWN_SCHEMA_ID(Input.METRICS, Expect.DEAD_LETTER, 400),
  METRIC_TRUNCATED_AVRO(Input.METRICS, Expect.DEAD_LETTER, 500),
  METRIC_WRONG_SCHEMA(Input.METRICS, Expect.DEAD_LETTER, 200),
  /** The real schema id, then a dimensions array that claims two billion items (an allocation the heap refuses). */
  METRIC_CRAFTED_LENGTH(Input.METRICS, Expect.DEAD_LETTER, 10),
  METRIC_GARBAGE_KEY(Input.METRICS, Expect.DEAD_LETTER, 300),
  METRIC_TOMBSTONE(Input.METRICS, Expect.DEAD_LETTER, 300),
  METRIC_NULL_KEY(Input.METRICS, Expect.DEAD_LETTER, 200),
  METRIC_NON_FINITE_VALUE(Input.METRICS, Expect.DEAD_LETTER, 400),
  METRIC_KEY_NAMES_OTHER_SERIES(Input.METRICS, Expect.DEAD_LETTER, 200),
  /** Beyond the future skew (at least a day ahead, up to the year 9999). */
  METRIC_FAR_FUTURE(Input.METRICS, Expect.OUT_OF_BOUNDS, 300),
  /** Before any sane past bound (the years 1 to 1999). */
  METRIC_FAR_PAST(Input.METRICS, Expect.OUT_OF_BOUNDS, 300),
  /** 60 to 110 minutes ahead, each its own series: within CloudWatch's 2 h, so valid; its alert must carry a timestamp the broker takes. */
  METRIC_SKEWED_AHEAD(Input.METRICS, Expect.PROCESSED, 50),
  /** 1e308, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0 and friends: finite, so valid; sums of them overflow. */
  METRIC_EXTREME_VALUE(Input.METRICS, Expect.PROCESSED, 500),
  /** Namespaces, names and dimensions of any Unicode within CloudWatch's limits (1024-char values, 30 dimensions). */
  METRIC_ODD_DIMENSIONS(Input.METRICS, Expect.PROCESSED, 800),
  /** Odd instance ids that the workload rule's {@code i-flip*} selector matches: new series, evaluated and alerted. */
  METRIC_ODD_SERIES_OF_A_RULE(Input.METRICS, Expect.PROCESSED, 200),
  /** 100 KB dimension values or 300 dimensions: beyond CloudWatch's limits, decodable; processed or set aside. */
  METRIC_OVERSIZED_DIMENSIONS(Input.METRICS, Expect.PROCESSED_OR_DEAD_LETTER, 40),
  /** Period 0, negative or huge, odd statistics. */
  METRIC_ODD_PERIOD_OR_STATISTIC(Input.METRICS, Expect.PROCESSED_OR_DEAD_LETTER, 100),
  /** 40-character values against the glob {@code *a*a*a*a*a*a*a*a*a*a*b} (issue 13: ~70 s each by backtracking). */
  METRIC_GLOB_WORST_CASE(Input.METRICS, Expect.PROCESSED, 40),

  // logs
  LOG_GARBAGE_VALUE(Input.LOGS, Expect.DEAD_LETTER, 500),
  LOG_UNKNOWN_SCHEMA_ID(Input.LOGS, Expect.DEAD_LETTER, 300),
  LOG_TRUNCATED_AVRO(Input.LOGS, Expect.DEAD_LETTER, 400),
  LOG_WRONG_SCHEMA(Input.LOGS, Expect.DEAD_LETTER, 150),
  /** The real schema id, then a log group that claims to be 2 GB long. */
  LOG_CRAFTED_LENGTH(Input.LOGS, Expect.DEAD_LETTER, 10),
  LOG_GARBAGE_KEY(Input.LOGS, Expect.DEAD_LETTER, 200),
  LOG_TOMBSTONE(Input.LOGS, Expect.DEAD_LETTER, 300),
  /** The key is redundant on logs (the group is in the value): keyed anew, or set aside. */
  LOG_NULL_KEY(Input.LOGS, Expect.PROCESSED_OR_DEAD_LETTER, 100),
  LOG_FAR_FUTURE(Input.LOGS, Expect.OUT_OF_BOUNDS, 250),
  LOG_FAR_PAST(Input.LOGS, Expect.OUT_OF_BOUNDS, 250),
  /** 100 KB of {@code user=abab…} for the {@code log-new-term} field {@code %user=((?:a|b)*)%} (issue 13: StackOverflowError). */
  LOG_REGEX_BOMB(Input.LOGS, Expect.PROCESSED_OR_RULE_DEFECT, 40, HostileRecords.NEW_TERM_RULE),
  /** 100 KB of {@code a} for the {@code log-frequency} pattern {@code %(a+)+b%} (catastrophic backtracking). */
  LOG_BACKTRACKING_BOMB(Input.LOGS, Expect.PROCESSED_OR_RULE_DEFECT, 40, HostileRecords.BACKTRACK_RULE),
  /** 100 KB lines no rule selects. */
  LOG_HUGE_LINE(Input.LOGS, Expect.PROCESSED, 40),
  /** Groups, streams and lines of any Unicode, some in the groups the log rules select. */
  LOG_ODD_TEXT(Input.LOGS, Expect.PROCESSED, 1000),
  /** 60 to 110 minutes ahead, each in its own stream of a per-stream rule: valid; its alert must carry a timestamp the broker takes. */
  LOG_SKEWED_AHEAD(Input.LOGS, Expect.PROCESSED, 30),

  // rules
  RULE_GARBAGE_VALUE(Input.RULES, Expect.DEAD_LETTER, 250),
  RULE_UNKNOWN_SCHEMA_ID(Input.RULES, Expect.DEAD_LETTER, 150),
  RULE_TRUNCATED_AVRO(Input.RULES, Expect.DEAD_LETTER, 200),
  /** Valid Avro, invalid rule: garbage JSON, unknown kind, id mismatch, bad regex, deep nesting, 50 KB definitions. */
  RULE_INVALID_DEFINITION(Input.RULES, Expect.REJECTED, 700),
  /** Deleting a rule that never existed is a no-op. */
  RULE_TOMBSTONE_OF_UNKNOWN_RULE(Input.RULES, Expect.PROCESSED, 200);

  /** The processor's three input topics. */
  enum Input {
    METRICS, LOGS, RULES;

    String topic(TopicNames names) {
      return switch (this) {
        case METRICS -> names.metrics();
        case LOGS -> names.logs();
        case RULES -> names.rules();
      };
    }
  }

  /** What the fault model says becomes of a record of this kind. */
  enum Expect {
    DEAD_LETTER, OUT_OF_BOUNDS, REJECTED, PROCESSED, PROCESSED_OR_DEAD_LETTER, PROCESSED_OR_RULE_DEFECT;

    boolean mayBeProcessed() {
      return this == PROCESSED || this == PROCESSED_OR_DEAD_LETTER || this == PROCESSED_OR_RULE_DEFECT;
    }
  }

  /** One acceptable side-topic record: its topic, its {@code watchstream.error.kind}, and the rule id it must name (or null). */
  record Letter(String topic, String kind, String ruleId) {}

  final Input input;
  final Expect expect;
  final int count;
  final String ruleId;

  HostileKind(Input input, Expect expect, int count) {
    this(input, expect, count, null);
  }

  HostileKind(Input input, Expect expect, int count, String ruleId) {
    this.input = input;
    this.expect = expect;
    this.count = count;
    this.ruleId = ruleId;
  }

  /** The side-topic records a record of this kind may become (empty: it must not become any). */
  Set<Letter> acceptableLetters(TopicNames names) {
    String topic = input.topic(names);
    return switch (expect) {
      case DEAD_LETTER, PROCESSED_OR_DEAD_LETTER -> Set.of(new Letter(TopicNames.deadLetter(topic), Kind.BAD_RECORD.header(), null));
      case OUT_OF_BOUNDS -> Set.of(new Letter(TopicNames.lateData(topic), Kind.OUT_OF_BOUNDS.header(), null));
      case REJECTED -> Set.of(new Letter(names.rulesRejected(), Kind.BAD_RECORD.header(), null));
      case PROCESSED_OR_RULE_DEFECT -> Set.of(new Letter(TopicNames.deadLetter(topic), Kind.RULE_DEFECT.header(), ruleId));
      case PROCESSED -> Set.of();
    };
  }
}

package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.processor.rules.Rule;
import io.watchstream.processor.rules.RuleJson;
import io.watchstream.schemas.InMemorySchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;

/**
 * Keeps {@link HostileRecords} honest: the stream is big enough, the same seed gives the same bytes, and every record
 * is what its {@link HostileKind} says — undecodable ones do not decode, out-of-bounds ones are out of bounds,
 * rejected rules fail the processor's own checks, and valid ones decode to consistent, finite records.
 */
class HostileRecordsTest {

  private static final long SEED = 42;
  private static final long T = Instant.parse("2026-12-07T01:00:00Z").toEpochMilli();

  @Example
  void theStreamHoldsEveryKindInItsCountAndIsAFunctionOfTheSeed() throws Exception {
    List<HostileRecords.Hostile> a = new HostileRecords(topics(), SEED, 26, 20).generate();
    List<HostileRecords.Hostile> b = new HostileRecords(topics(), SEED, 26, 20).generate();
    assertThat(a).hasSizeGreaterThanOrEqualTo(10_000);
    Map<HostileKind, Integer> counts = new EnumMap<>(HostileKind.class);
    a.forEach(h -> counts.merge(h.kind(), 1, Integer::sum));
    for (HostileKind k : HostileKind.values()) {
      assertThat(counts.get(k)).as(k.name()).isEqualTo(k.count);
    }
    assertThat(digest(a)).isEqualTo(digest(b));
  }

  @Example
  void everyRecordIsWhatItsKindSays() {
    Topics topics = topics();
    TopicNames n = topics.names();
    for (HostileRecords.Hostile h : new HostileRecords(topics, SEED, 26, 20).generate()) {
      HostileRecords.Encoded e = h.encode(T);
      String what = h.kind() + " #" + h.index();
      switch (h.kind()) {
        // decoding one costs a full GC before the OutOfMemoryError: check the shape only
        case METRIC_CRAFTED_LENGTH, LOG_CRAFTED_LENGTH -> assertThat(e.value()).as(what).hasSizeLessThan(40).startsWith(0);
        case METRIC_GARBAGE_VALUE, METRIC_UNKNOWN_SCHEMA_ID, METRIC_TRUNCATED_AVRO, METRIC_WRONG_SCHEMA ->
            assertThat(fails(() -> topics.metrics().valueSerde().deserializer().deserialize(n.metrics(), e.value()))).as(what).isTrue();
        case LOG_GARBAGE_VALUE, LOG_UNKNOWN_SCHEMA_ID, LOG_TRUNCATED_AVRO, LOG_WRONG_SCHEMA ->
            assertThat(fails(() -> topics.logs().valueSerde().deserializer().deserialize(n.logs(), e.value()))).as(what).isTrue();
        case RULE_GARBAGE_VALUE, RULE_UNKNOWN_SCHEMA_ID, RULE_TRUNCATED_AVRO ->
            assertThat(fails(() -> topics.rules().valueSerde().deserializer().deserialize(n.rules(), e.value()))).as(what).isTrue();
        case METRIC_GARBAGE_KEY ->
            assertThat(fails(() -> topics.metrics().keySerde().deserializer().deserialize(n.metrics(), e.key()))).as(what).isTrue();
        case LOG_GARBAGE_KEY ->
            assertThat(fails(() -> topics.logs().keySerde().deserializer().deserialize(n.logs(), e.key()))).as(what).isTrue();
        case METRIC_TOMBSTONE, LOG_TOMBSTONE, RULE_TOMBSTONE_OF_UNKNOWN_RULE -> assertThat(e.value()).as(what).isNull();
        case METRIC_NULL_KEY, LOG_NULL_KEY -> assertThat(e.key()).as(what).isNull();
        case METRIC_NON_FINITE_VALUE -> assertThat(metric(topics, e).getValue()).as(what).isNotFinite();
        case METRIC_KEY_NAMES_OTHER_SERIES -> assertThat(metricKey(topics, e).getDimensions())
            .as(what).isNotEqualTo(metric(topics, e).getDimensions());
        case METRIC_FAR_FUTURE -> assertThat(metric(topics, e).getTimestamp()).as(what).isAfter(Instant.now().plus(Duration.ofHours(23)));
        case METRIC_FAR_PAST -> assertThat(metric(topics, e).getTimestamp()).as(what).isBefore(Instant.parse("2000-01-01T00:00:00Z"));
        case LOG_FAR_FUTURE -> assertThat(log(topics, e).getTimestamp()).as(what).isAfter(Instant.now().plus(Duration.ofHours(23)));
        case LOG_FAR_PAST -> assertThat(log(topics, e).getTimestamp()).as(what).isBefore(Instant.parse("2000-01-01T00:00:00Z"));
        case METRIC_SKEWED_AHEAD -> assertThat(Duration.between(Instant.ofEpochMilli(T), metric(topics, e).getTimestamp()))
            .as(what).isBetween(Duration.ofMinutes(60), Duration.ofMinutes(110));
        case LOG_SKEWED_AHEAD -> assertThat(Duration.between(Instant.ofEpochMilli(T), log(topics, e).getTimestamp()))
            .as(what).isBetween(Duration.ofMinutes(60), Duration.ofMinutes(110));
        case RULE_INVALID_DEFINITION -> assertThat(problemWith(new String(e.key(), java.nio.charset.StandardCharsets.UTF_8),
            topics.rules().valueSerde().deserializer().deserialize(n.rules(), e.value()))).as(what).isNotNull();
        case LOG_REGEX_BOMB -> assertThat(log(topics, e).getMessage()).as(what).startsWith("user=").hasSizeGreaterThan(100_000);
        case METRIC_EXTREME_VALUE, METRIC_ODD_DIMENSIONS, METRIC_ODD_SERIES_OF_A_RULE, METRIC_OVERSIZED_DIMENSIONS,
            METRIC_ODD_PERIOD_OR_STATISTIC, METRIC_GLOB_WORST_CASE -> {
          MetricDatapoint dp = metric(topics, e);
          assertThat(dp.getValue()).as(what).isFinite();
          assertThat(metricKey(topics, e).getDimensions()).as(what).isEqualTo(dp.getDimensions());
          assertThat(dp.getTimestamp().toEpochMilli()).as(what).isEqualTo(T);
        }
        case LOG_BACKTRACKING_BOMB, LOG_HUGE_LINE, LOG_ODD_TEXT ->
            assertThat(log(topics, e).getTimestamp().toEpochMilli()).as(what).isEqualTo(T);
      }
    }
  }

  @Example
  void theIssuesWorstCasesAreInTheStream() {
    Topics topics = topics();
    List<HostileRecords.Hostile> all = new HostileRecords(topics, SEED, 26, 20).generate();
    assertThat(of(all, HostileKind.METRIC_FAR_FUTURE).map(h -> metric(topics, h.encode(T)).getTimestamp()))
        .contains(Instant.parse("9999-12-31T23:59:59Z"));
    assertThat(of(all, HostileKind.METRIC_SKEWED_AHEAD).map(h -> metric(topics, h.encode(T)).getTimestamp()))
        .contains(Instant.ofEpochMilli(T).plus(Duration.ofMinutes(90)));
    assertThat(of(all, HostileKind.LOG_REGEX_BOMB).map(h -> log(topics, h.encode(T)).getMessage()))
        .contains("user=" + "ab".repeat(50_000));
    assertThat(of(all, HostileKind.METRIC_GLOB_WORST_CASE).map(h -> metric(topics, h.encode(T)).getDimensions().get(0).getValue()))
        .contains("a".repeat(40));
    assertThat(of(all, HostileKind.METRIC_TOMBSTONE)).isNotEmpty();
    assertThat(of(all, HostileKind.LOG_TOMBSTONE)).isNotEmpty();
    assertThat(HostileRecords.RULES_YAML).contains("%user=((?:a|b)*)%").contains(HostileRecords.GLOB);
  }

  private static java.util.stream.Stream<HostileRecords.Hostile> of(List<HostileRecords.Hostile> all, HostileKind kind) {
    return all.stream().filter(h -> h.kind() == kind);
  }

  /** The processor's own acceptance test of a rule record ({@code RuleCatalog.problemWith}), restated. */
  private static String problemWith(String key, RuleRecord record) {
    try {
      Rule rule = RuleJson.fromJson(record.getDefinitionJson());
      if (!rule.id().equals(key) || !rule.id().equals(record.getRuleId())) {
        return "id";
      }
      if (!rule.kind().equals(record.getKind())) {
        return "kind";
      }
      return rule.validate().isEmpty() ? null : rule.validate().get(0).toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static Topics topics() {
    return new Topics(TopicNames.withPrefix("t."), new InMemorySchemaRegistryClient());
  }

  private static MetricDatapoint metric(Topics topics, HostileRecords.Encoded e) {
    return topics.metrics().valueSerde().deserializer().deserialize(topics.names().metrics(), e.value());
  }

  private static MetricSeriesKey metricKey(Topics topics, HostileRecords.Encoded e) {
    return topics.metrics().keySerde().deserializer().deserialize(topics.names().metrics(), e.key());
  }

  private static LogEvent log(Topics topics, HostileRecords.Encoded e) {
    return topics.logs().valueSerde().deserializer().deserialize(topics.names().logs(), e.value());
  }

  private static boolean fails(Runnable decode) {
    try {
      decode.run();
      return false;
    } catch (Throwable t) {
      return true;
    }
  }

  private static String digest(List<HostileRecords.Hostile> records) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (HostileRecords.Hostile h : records) {
      HostileRecords.Encoded e = h.encode(T);
      d.update((h.kind() + "/" + h.period()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      d.update(e.key() == null ? new byte[] {-1} : e.key());
      d.update(e.value() == null ? new byte[] {-1} : e.value());
    }
    return HexFormat.of().formatHex(d.digest());
  }
}

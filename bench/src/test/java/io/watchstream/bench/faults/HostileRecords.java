package io.watchstream.bench.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.processor.rules.RuleJson;
import io.watchstream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;

/**
 * Generates the hostile part of {@link HostileStreamIT}'s input: {@link HostileKind#count} records of every
 * {@link HostileKind}, each assigned to a workload period, drawn with jqwik's generators (edge cases included) from
 * one {@link Random} — the same seed gives the same records. A record's bytes are made when it is sent
 * ({@link Hostile#encode}), because in-bounds timestamps are relative to its period's start. Must run on a jqwik
 * thread (an {@code @Example} or {@code @Property}): jqwik memoizes generators in its lifecycle store.
 *
 * <p>The hostile rules ({@link #RULES_YAML}) are published with the workload's rule: a glob that backtracks, a
 * {@code log-new-term} field regex that overflows the stack, a pattern that backtracks catastrophically, and a
 * threshold rule for extreme values, and a per-stream log rule whose lines come up to 110 minutes early.
 */
final class HostileRecords {

  static final String NEW_TERM_RULE = "hostile-new-term";
  static final String BACKTRACK_RULE = "hostile-backtrack";
  static final String VALUES_RULE = "hostile-values";
  static final String GLOB = "*a*a*a*a*a*a*a*a*a*a*b";
  static final String REGEX_GROUP = "/hostile/regex";
  static final String BUDGET_GROUP = "/hostile/budget";
  static final String PLAIN_GROUP = "/hostile/plain";
  static final String SKEWED_GROUP = "/hostile/skewed";
  static final String RULES_YAML = """
        - id: hostile-values
          kind: threshold
          metric: { namespace: Hostile/Values, name: Value, dimensions: { Host: "*" } }
          period: 5s
          statistic: Average
          comparison: ">"
          threshold: 1e300
          grace: 0s
        - id: hostile-glob
          kind: threshold
          metric: { namespace: Hostile/Glob, name: Value, dimensions: { Host: "*a*a*a*a*a*a*a*a*a*a*b" } }
          period: 5s
          statistic: Average
          comparison: ">"
          threshold: 50
          grace: 0s
        - id: hostile-new-term
          kind: log-new-term
          logs: { group: /hostile/regex }
          pattern: user
          field: '%user=((?:a|b)*)%'
          window: 5s
          lookback: 1m
          grace: 1m
        - id: hostile-backtrack
          kind: log-frequency
          logs: { group: /hostile/budget }
          pattern: '%(a+)+b%'
          window: 5s
          threshold: 1
          grace: 1m
        - id: hostile-skewed
          kind: log-frequency
          logs: { group: /hostile/skewed, per: stream }
          pattern: user
          window: 5s
          threshold: 1
          grace: 1m
      """;

  private static final int GEN_SIZE = 1000;
  private static final int HUGE = 100_000;
  private static final long YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
  private static final long YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
  private static final long YEAR_2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

  /** Key and value bytes of one record (either may be null). */
  record Encoded(byte[] key, byte[] value) {}

  /** Makes a record's bytes for the period starting at {@code periodStart} (epoch millis). */
  interface Encoder {
    Encoded encode(long periodStart);
  }

  /** One hostile record: its kind, the workload period it is sent in, and how its bytes are made. */
  record Hostile(int index, HostileKind kind, int period, Encoder encoder) {
    Encoded encode(long periodStart) {
      return encoder.encode(periodStart);
    }
  }

  private final Topics topics;
  private final Random random;
  private final int periods;
  private final int workloadSeries;
  private final RandomGenerator<String> oddText;
  private final RandomGenerator<String> longOddText;
  private final RandomGenerator<byte[]> garbage;
  private final RandomGenerator<Double> extremeValue;
  private final RandomGenerator<Double> nonFinite;
  private final RandomGenerator<String> validRuleJson;
  private int next;

  HostileRecords(Topics topics, long seed, int periods, int workloadSeries) {
    this.topics = topics;
    this.random = new Random(seed);
    this.periods = periods;
    this.workloadSeries = workloadSeries;
    Arbitrary<String> odd = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("{}[]=,|*?%$\"\\/ \t\n:;#'`<>&").ofMinLength(1).ofMaxLength(24),
        Arbitraries.strings().withCharRange('\u0590', '\u08ff').ofMinLength(1).ofMaxLength(24),
        Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMinLength(1).ofMaxLength(8));
    this.oddText = odd.generator(GEN_SIZE, true);
    this.longOddText = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(1024).generator(GEN_SIZE, true);
    this.garbage = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300),
        odd.map(s -> ("{\"value\": \"" + s + "\"}").getBytes(StandardCharsets.UTF_8)),
        Arbitraries.just(new byte[] {0}),
        Arbitraries.just(new byte[] {0, 0, 0}))
        .generator(GEN_SIZE, true);
    this.extremeValue = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MIN_NORMAL, -0.0, 0.0, 1e-308)),
        Tuple.of(1, Arbitraries.doubles()))
        .generator(GEN_SIZE, true);
    this.nonFinite = Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000000L)).generator(GEN_SIZE, true);
    this.validRuleJson = Arbitraries.of(validDefinitions()).generator(GEN_SIZE, true);
  }

  /** Every kind's records, each in a random period, in a random order. */
  List<Hostile> generate() {
    List<Hostile> out = new ArrayList<>();
    for (HostileKind kind : HostileKind.values()) {
      for (int i = 0; i < kind.count; i++) {
        out.add(new Hostile(next, kind, random.nextInt(periods), encoder(kind, i)));
        next++;
      }
    }
    Collections.shuffle(out, random);
    return out;
  }

  private Encoder encoder(HostileKind kind, int i) {
    int index = next;
    return switch (kind) {
      case METRIC_GARBAGE_VALUE -> {
        byte[] value = notWireFormat(garbage.next(random).value());
        MetricSeriesKey key = hostileKey(i);
        yield t -> new Encoded(metricKey(key), value);
      }
      case METRIC_UNKNOWN_SCHEMA_ID -> {
        byte[] value = unknownSchemaId();
        MetricSeriesKey key = hostileKey(i);
        yield t -> new Encoded(metricKey(key), value);
      }
      case METRIC_TRUNCATED_AVRO -> {
        double v = random.nextDouble() * 100;
        int series = random.nextInt(workloadSeries);
        double cut = random.nextDouble();
        yield t -> {
          byte[] full = metricValue(LiveFlipWorkload.datapoint(series, Instant.ofEpochMilli(t), v));
          return new Encoded(metricKey(LiveFlipWorkload.key(series)), Arrays.copyOf(full, (int) (cut * full.length)));
        };
      }
      case METRIC_WRONG_SCHEMA -> {
        int series = random.nextInt(workloadSeries);
        String message = oddText.next(random).value();
        yield t -> new Encoded(metricKey(LiveFlipWorkload.key(series)),
            logValue(new LogEvent(PLAIN_GROUP, "s", "e" + index, Instant.ofEpochMilli(t), Instant.ofEpochMilli(t), message)));
      }
      case METRIC_CRAFTED_LENGTH -> {
        long claimed = 1_000_000_000L + random.nextInt(1_100_000_000);
        yield t -> {
          byte[] real = metricValue(valuesPoint("crafted", t, 1));
          // namespace "A", metric name "B", then the dimensions array's block count
          return new Encoded(metricKey(valuesKey("crafted")), crafted(real, new byte[] {2, 'A', 2, 'B'}, claimed));
        };
      }
      case METRIC_GARBAGE_KEY -> {
        byte[] key = notWireFormat(garbage.next(random).value());
        double v = random.nextDouble() * 100;
        yield t -> new Encoded(key, metricValue(valuesPoint("garbage-key", t, v)));
      }
      case METRIC_TOMBSTONE -> {
        MetricSeriesKey key = random.nextBoolean() ? LiveFlipWorkload.key(random.nextInt(workloadSeries)) : hostileKey(i);
        yield t -> new Encoded(metricKey(key), null);
      }
      case METRIC_NULL_KEY -> {
        double v = random.nextDouble() * 100;
        yield t -> new Encoded(null, metricValue(valuesPoint("null-key", t, v)));
      }
      case METRIC_NON_FINITE_VALUE -> {
        double v = nonFinite.next(random).value();
        int series = random.nextInt(workloadSeries);
        boolean workload = random.nextBoolean();
        yield t -> workload
            ? new Encoded(metricKey(LiveFlipWorkload.key(series)), metricValue(LiveFlipWorkload.datapoint(series, Instant.ofEpochMilli(t), v)))
            : new Encoded(metricKey(valuesKey("non-finite")), metricValue(valuesPoint("non-finite", t, v)));
      }
      case METRIC_KEY_NAMES_OTHER_SERIES -> {
        int a = random.nextInt(workloadSeries);
        int b = (a + 1 + random.nextInt(workloadSeries - 1)) % workloadSeries;
        yield t -> new Encoded(metricKey(LiveFlipWorkload.key(a)), metricValue(LiveFlipWorkload.datapoint(b, Instant.ofEpochMilli(t), 95)));
      }
      case METRIC_FAR_FUTURE, METRIC_FAR_PAST -> {
        boolean future = kind == HostileKind.METRIC_FAR_FUTURE;
        double when = i == 0 ? (future ? 1.0 : 0.0) : random.nextDouble();
        int series = random.nextInt(workloadSeries);
        boolean workload = random.nextBoolean();
        double v = random.nextBoolean() ? 95 : 20;
        yield t -> {
          long at = future ? farFuture(t, when) : farPast(when);
          return workload
            ? new Encoded(metricKey(LiveFlipWorkload.key(series)), metricValue(LiveFlipWorkload.datapoint(series, Instant.ofEpochMilli(at), v)))
            : new Encoded(metricKey(valuesKey("bounds")), metricValue(valuesPoint("bounds", at, 1e301)));
        };
      }
      case METRIC_SKEWED_AHEAD -> {
        long ahead = i == 0 ? Duration.ofMinutes(90).toMillis() : Duration.ofMinutes(60 + random.nextInt(51)).toMillis();
        // a series of its own: a later record with less lead would be late in a shared one, which is the rule's semantics
        String host = "skewed-" + index;
        yield t -> new Encoded(metricKey(valuesKey(host)), metricValue(valuesPoint(host, t + ahead, 1e301)));
      }
      case METRIC_EXTREME_VALUE -> {
        double v = extremeValue.next(random).value();
        String host = "extreme-" + random.nextInt(10);
        yield t -> new Encoded(metricKey(valuesKey(host)), metricValue(valuesPoint(host, t, v)));
      }
      case METRIC_ODD_DIMENSIONS -> {
        String namespace = random.nextBoolean() ? "Hostile/Odd" : oddText.next(random).value();
        String name = oddText.next(random).value();
        List<Dimension> dims = dimensions(1 + random.nextInt(30), false);
        yield t -> point(namespace, name, dims, "Average", 5, t, valueOf(index));
      }
      case METRIC_ODD_SERIES_OF_A_RULE -> {
        List<Dimension> dims = List.of(new Dimension("InstanceId", "i-flip-x" + longOddText.next(random).value()));
        double v = random.nextDouble() * 100;
        yield t -> point(LiveFlipWorkload.NAMESPACE, LiveFlipWorkload.METRIC, dims, "Average", 5, t, v);
      }
      case METRIC_OVERSIZED_DIMENSIONS -> {
        List<Dimension> dims = random.nextBoolean()
            ? List.of(new Dimension("InstanceId", "i-flip-huge-" + letters(HUGE, "abcdefghij")))
            : dimensions(300, false);
        String namespace = dims.size() == 1 ? LiveFlipWorkload.NAMESPACE : "Hostile/Odd";
        String name = dims.size() == 1 ? LiveFlipWorkload.METRIC : "Value";
        yield t -> point(namespace, name, dims, "Average", 5, t, 95);
      }
      case METRIC_ODD_PERIOD_OR_STATISTIC -> {
        int period = new int[] {0, -1, -5, Integer.MIN_VALUE, Integer.MAX_VALUE, 7}[random.nextInt(6)];
        String statistic = random.nextBoolean() ? new String[] {"", "p-1", "p1000", "Average\u0000", "tm99"}[random.nextInt(5)]
            : oddText.next(random).value();
        List<Dimension> dims = List.of(new Dimension("Host", "odd-period"));
        yield t -> point("Hostile/Values", "Value", dims, statistic, period, t, 1e301);
      }
      case METRIC_GLOB_WORST_CASE -> {
        String host = i == 0 ? "a".repeat(40) : i < 5 ? "a".repeat(39) + "b" : letters(39, "aac") + "c";
        yield t -> point("Hostile/Glob", "Value", List.of(new Dimension("Host", host)), "Average", 5, t, 20);
      }
      case LOG_GARBAGE_VALUE -> {
        byte[] value = notWireFormat(garbage.next(random).value());
        LogStreamKey key = new LogStreamKey(PLAIN_GROUP, "garbage");
        yield t -> new Encoded(logKey(key), value);
      }
      case LOG_UNKNOWN_SCHEMA_ID -> {
        byte[] value = unknownSchemaId();
        yield t -> new Encoded(logKey(new LogStreamKey(REGEX_GROUP, "unknown-id")), value);
      }
      case LOG_TRUNCATED_AVRO -> {
        double cut = random.nextDouble();
        String message = "user=" + letters(1 + random.nextInt(40), "ab");
        yield t -> {
          byte[] full = logValue(logEvent(REGEX_GROUP, "truncated", index, t, message));
          return new Encoded(logKey(new LogStreamKey(REGEX_GROUP, "truncated")), Arrays.copyOf(full, (int) (cut * full.length)));
        };
      }
      case LOG_WRONG_SCHEMA -> {
        int series = random.nextInt(workloadSeries);
        yield t -> new Encoded(logKey(new LogStreamKey(PLAIN_GROUP, "wrong-schema")),
            metricValue(LiveFlipWorkload.datapoint(series, Instant.ofEpochMilli(t), 95)));
      }
      case LOG_CRAFTED_LENGTH -> {
        long claimed = 1_000_000_000L + random.nextInt(1_100_000_000);
        yield t -> {
          byte[] real = logValue(logEvent(PLAIN_GROUP, "crafted", index, t, "x"));
          return new Encoded(logKey(new LogStreamKey(PLAIN_GROUP, "crafted")), crafted(real, new byte[0], claimed));
        };
      }
      case LOG_GARBAGE_KEY -> {
        byte[] key = notWireFormat(garbage.next(random).value());
        yield t -> new Encoded(key, logValue(logEvent(PLAIN_GROUP, "garbage-key", index, t, "a line")));
      }
      case LOG_TOMBSTONE -> {
        String group = randomGroup();
        yield t -> new Encoded(logKey(new LogStreamKey(group, "tombstone")), null);
      }
      case LOG_NULL_KEY -> {
        String message = oddText.next(random).value();
        yield t -> new Encoded(null, logValue(logEvent(PLAIN_GROUP, "null-key", index, t, message)));
      }
      case LOG_FAR_FUTURE, LOG_FAR_PAST -> {
        boolean future = kind == HostileKind.LOG_FAR_FUTURE;
        double when = i == 0 ? (future ? 1.0 : 0.0) : random.nextDouble();
        String group = randomGroup();
        String message = group.equals(REGEX_GROUP) ? "user=" + letters(1 + random.nextInt(20), "ab") : "aaaab";
        yield t -> new Encoded(logKey(new LogStreamKey(group, "bounds")),
            logValue(logEvent(group, "bounds", index, future ? farFuture(t, when) : farPast(when), message)));
      }
      case LOG_REGEX_BOMB -> {
        String message = "user=" + (i == 0 ? "ab".repeat(HUGE / 2) : letters(HUGE, "ab"));
        yield t -> new Encoded(logKey(new LogStreamKey(REGEX_GROUP, "bomb")), logValue(logEvent(REGEX_GROUP, "bomb", index, t, message)));
      }
      case LOG_BACKTRACKING_BOMB -> {
        String message = i == 0 ? "a".repeat(HUGE) : "a".repeat(HUGE - 1) + "c";
        yield t -> new Encoded(logKey(new LogStreamKey(BUDGET_GROUP, "bomb")), logValue(logEvent(BUDGET_GROUP, "bomb", index, t, message)));
      }
      case LOG_HUGE_LINE -> {
        String message = letters(HUGE, "abcdefghijklmnopqrstuvwxyz0123456789 =%{}[]\"");
        yield t -> new Encoded(logKey(new LogStreamKey(PLAIN_GROUP, "huge")), logValue(logEvent(PLAIN_GROUP, "huge", index, t, message)));
      }
      case LOG_ODD_TEXT -> {
        String group = random.nextInt(3) == 0 ? oddText.next(random).value() : randomGroup();
        String stream = oddText.next(random).value();
        String message = group.equals(REGEX_GROUP) && random.nextBoolean()
            ? "user=" + letters(1 + random.nextInt(12), "ab") + " " + oddText.next(random).value()
            : longOddText.next(random).value();
        yield t -> new Encoded(logKey(new LogStreamKey(group, stream)), logValue(logEvent(group, stream, index, t, message)));
      }
      case LOG_SKEWED_AHEAD -> {
        long ahead = i == 0 ? Duration.ofMinutes(90).toMillis() : Duration.ofMinutes(60 + random.nextInt(51)).toMillis();
        // its own group and stream (the skew rule counts per stream), so its lead cannot make other lines late
        String message = "user=" + letters(3 + random.nextInt(10), "ab");
        String stream = "skewed-" + index;
        yield t -> new Encoded(logKey(new LogStreamKey(SKEWED_GROUP, stream)),
            logValue(logEvent(SKEWED_GROUP, stream, index, t + ahead, message)));
      }
      case RULE_GARBAGE_VALUE -> {
        byte[] value = notWireFormat(garbage.next(random).value());
        yield t -> new Encoded(ruleKey("hostile-undecodable-" + index), value);
      }
      case RULE_UNKNOWN_SCHEMA_ID -> {
        byte[] value = unknownSchemaId();
        yield t -> new Encoded(ruleKey("hostile-undecodable-" + index), value);
      }
      case RULE_TRUNCATED_AVRO -> {
        String id = "hostile-undecodable-" + index;
        String json = validRuleJson.next(random).value();
        double cut = random.nextDouble();
        yield t -> {
          byte[] full = ruleValue(new RuleRecord(id, 1, "threshold", json, "hostile", Instant.ofEpochMilli(t)));
          return new Encoded(ruleKey(id), Arrays.copyOf(full, (int) (cut * full.length)));
        };
      }
      case RULE_INVALID_DEFINITION -> {
        String id = "hostile-rule-" + index;
        RuleRecord record = invalidRule(id);
        yield t -> new Encoded(ruleKey(id), ruleValue(record));
      }
      case RULE_TOMBSTONE_OF_UNKNOWN_RULE -> {
        String id = "hostile-gone-" + index;
        yield t -> new Encoded(ruleKey(id), null);
      }
    };
  }

  /** A rule record that decodes but must be rejected: each variant fails parsing, the id or kind check, or validation. */
  private RuleRecord invalidRule(String id) {
    int version = random.nextInt(4) == 0 ? random.nextInt() : 1;
    String known = new String[] {"threshold", "log-frequency", "log-new-term", "anomaly"}[random.nextInt(4)];
    ObjectNode base = parse(validRuleJson.next(random).value());
    String kind = base.path("kind").asText();
    base.put("id", id);
    String json;
    String recordKind = kind;
    switch (random.nextInt(9)) {
      case 0 -> {
        json = oddText.next(random).value();
        recordKind = known;
      }
      case 1 -> {
        base.put("kind", oddText.next(random).value() + "-kind");
        json = base.toString();
        recordKind = base.path("kind").asText();
      }
      case 2 -> {
        if (kind.equals("threshold")) {
          String[][] mutations = {{"period", "-5s"}, {"period", "1500ms"}, {"comparison", "~"}, {"threshold", "NaN"},
              {"evaluationPeriods", "0"}, {"datapointsToAlarm", "99"}, {"evaluationRange", "100000"}, {"grace", "-1s"}};
          String[] m = mutations[random.nextInt(mutations.length)];
          base.put(m[0], m[1]);
        } else {
          base.put("window", "-1s");
        }
        json = base.toString();
      }
      case 3 -> {
        base.put("id", "someone-else-" + id);
        json = base.toString();
      }
      case 4 -> {
        recordKind = kind.equals("threshold") ? "log-frequency" : "threshold";
        json = base.toString();
      }
      case 5 -> {
        ObjectNode logRule = parse(validDefinitions().get(2));
        logRule.put("id", id);
        logRule.put("pattern", new String[] {"%(unclosed%", "%[z-a]%", "/(?<n>a)\\k<m>/"}[random.nextInt(3)]);
        json = logRule.toString();
        recordKind = logRule.path("kind").asText();
      }
      case 6 -> {
        json = "[".repeat(HUGE);
        recordKind = known;
      }
      case 7 -> {
        base.put("description", letters(50_000, "xyz "));
        base.remove(kind.equals("threshold") ? "metric" : "logs");
        json = base.toString();
      }
      default -> {
        base.putNull(kind.equals("threshold") ? "comparison" : "logs");
        json = base.toString();
      }
    }
    return new RuleRecord(id, version, recordKind, json, "hostile:" + id, Instant.EPOCH);
  }

  /** Definitions of valid rules (threshold, log-frequency, log-new-term) as the rules topic carries them. */
  private static List<String> validDefinitions() {
    try {
      List<LoadedRule> loaded = new RuleFileLoader().parse("hostile.yaml", "rules:\n" + RULES_YAML);
      return loaded.stream().map(l -> RuleJson.toJson(l.rule())).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) RuleJson.json().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A day to the end of the year 9999 after {@code t}; {@code when} 1 is exactly 9999-12-31T23:59:59Z. */
  private static long farFuture(long t, double when) {
    long from = t + Duration.ofDays(1).toMillis();
    return from + (long) (when * (YEAR_9999 - from));
  }

  /** The years 1 to 1999; {@code when} 0 is the epoch itself. */
  private static long farPast(double when) {
    return when == 0.0 ? 0L : YEAR_1 + (long) (when * (YEAR_2000 - YEAR_1));
  }

  private String randomGroup() {
    return new String[] {REGEX_GROUP, BUDGET_GROUP, PLAIN_GROUP}[random.nextInt(3)];
  }

  private List<Dimension> dimensions(int n, boolean longValues) {
    TreeMap<String, String> dims = new TreeMap<>();
    while (dims.size() < n) {
      String name = oddText.next(random).value();
      dims.put(name.length() > 255 ? name.substring(0, 255) : name, longValues || random.nextInt(4) == 0
          ? longOddText.next(random).value() : oddText.next(random).value());
    }
    return dims.entrySet().stream().map(e -> new Dimension(e.getKey(), e.getValue())).toList();
  }

  private String letters(int n, String alphabet) {
    char[] out = new char[n];
    for (int k = 0; k < n; k++) {
      out[k] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(out);
  }

  private static double valueOf(int index) {
    return (index * 2654435761L % 10_000) / 100.0;
  }

  private byte[] unknownSchemaId() {
    byte[] tail = new byte[random.nextInt(64)];
    random.nextBytes(tail);
    int id = 1_000_000 + random.nextInt(Integer.MAX_VALUE - 1_000_000);
    return ByteBuffer.allocate(5 + tail.length).put((byte) 0).putInt(id).put(tail).array();
  }

  /** The wire-format header of {@code real} (magic byte, schema id), {@code prefix}, then {@code claimed} as an Avro long. */
  private static byte[] crafted(byte[] real, byte[] prefix, long claimed) {
    ByteBuffer out = ByteBuffer.allocate(5 + prefix.length + 10 + 8).put(real, 0, 5).put(prefix);
    long zigzag = (claimed << 1) ^ (claimed >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      out.put((byte) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.put((byte) zigzag);
    out.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    return Arrays.copyOf(out.array(), out.position());
  }

  /** Garbage never starts with the wire format's magic byte followed by four more bytes (that would be an id). */
  private static byte[] notWireFormat(byte[] bytes) {
    byte[] copy = bytes.clone();
    if (copy.length >= 5 && copy[0] == 0) {
      copy[0] = 1;
    }
    return copy;
  }

  private static MetricSeriesKey hostileKey(int i) {
    return valuesKey("garbage-" + (i % 50));
  }

  private static MetricSeriesKey valuesKey(String host) {
    return new MetricSeriesKey("Hostile/Values", "Value", List.of(new Dimension("Host", host)), "Average", 5);
  }

  private static MetricDatapoint valuesPoint(String host, long at, double value) {
    return new MetricDatapoint("Hostile/Values", "Value", List.of(new Dimension("Host", host)), Instant.ofEpochMilli(at),
        value, null, "Average", 5, "hostile");
  }

  private Encoded point(String namespace, String name, List<Dimension> dims, String statistic, int period, long at, double value) {
    return new Encoded(metricKey(new MetricSeriesKey(namespace, name, dims, statistic, period)),
        metricValue(new MetricDatapoint(namespace, name, dims, Instant.ofEpochMilli(at), value, null, statistic, period, "hostile")));
  }

  private static LogEvent logEvent(String group, String stream, int index, long at, String message) {
    return new LogEvent(group, stream, "hostile-" + index, Instant.ofEpochMilli(at), Instant.ofEpochMilli(at), message);
  }

  private byte[] metricKey(MetricSeriesKey key) {
    return topics.metrics().keySerde().serializer().serialize(topics.names().metrics(), key);
  }

  private byte[] metricValue(MetricDatapoint value) {
    return topics.metrics().valueSerde().serializer().serialize(topics.names().metrics(), value);
  }

  private byte[] logKey(LogStreamKey key) {
    return topics.logs().keySerde().serializer().serialize(topics.names().logs(), key);
  }

  private byte[] logValue(LogEvent value) {
    return topics.logs().valueSerde().serializer().serialize(topics.names().logs(), value);
  }

  private static byte[] ruleKey(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] ruleValue(RuleRecord value) {
    return topics.rules().valueSerde().serializer().serialize(topics.names().rules(), value);
  }
}

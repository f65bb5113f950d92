package io.watchstream.bench.faults;

import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.TopicNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Accounts for every record written to the processor's inputs against its dead-letter and side topics
 * ({@code metrics.dlq}, {@code logs.dlq}, {@code rules.dlq}, {@code metrics.late}, {@code logs.late},
 * {@code rules.rejected}): each side-topic record is matched to the input record it names in its
 * {@link DeadLetterHeaders} source headers (topic, partition, offset), and each hostile record is checked against
 * what its {@link HostileKind} allows — exactly one letter where one is required, none where the record is valid —
 * with complete headers and the raw bytes. Workload records must never appear there.
 */
final class SideTopicLedger {

  /** An input record as the broker acknowledged it; {@code hostile} is null for workload records. */
  record Sent(HostileRecords.Hostile hostile, String topic, int partition, long offset, byte[] key, byte[] value) {
    String position() {
      return topic + "-" + partition + "@" + offset;
    }
  }

  /** One problem class with its count and up to three examples. */
  static final class Problems {
    long count;
    final List<String> examples = new ArrayList<>();

    void add(String example) {
      count++;
      if (examples.size() < 3) {
        examples.add(example);
      }
    }
  }

  private final io.watchstream.schemas.Topics topics;
  private final TopicNames names;
  private final Map<String, Sent> sentByPosition = new HashMap<>();
  private final Map<HostileKind, Integer> tried = new EnumMap<>(HostileKind.class);
  private final Map<HostileKind, Map<String, Integer>> outcomes = new EnumMap<>(HostileKind.class);
  private final Map<String, Integer> lettersPerTopic = new TreeMap<>();
  private final Map<String, Problems> problems = new LinkedHashMap<>();
  private int lateValidLogLines;

  SideTopicLedger(io.watchstream.schemas.Topics topics) {
    this.topics = topics;
    this.names = topics.names();
    for (String p : List.of("missing letter", "letter for a valid record", "letter in the wrong place", "duplicated letter",
        "incomplete headers", "not the raw bytes", "letter naming no input record", "workload record set aside")) {
      problems.put(p, new Problems());
    }
  }

  synchronized void sent(Sent s) {
    sentByPosition.put(s.position(), s);
    if (s.hostile() != null) {
      tried.merge(s.hostile().kind(), 1, Integer::sum);
    }
  }

  synchronized int hostileSent() {
    return tried.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The number of hostile records whose kind requires a letter. */
  synchronized long lettersRequired() {
    return sentByPosition.values().stream().filter(s -> s.hostile() != null && !s.hostile().kind().expect.mayBeProcessed()).count();
  }

  List<String> sideTopics() {
    return List.of(TopicNames.deadLetter(names.metrics()), TopicNames.deadLetter(names.logs()),
        TopicNames.deadLetter(names.rules()), TopicNames.lateData(names.metrics()), TopicNames.lateData(names.logs()),
        names.rulesRejected());
  }

  /** How many records the side topics hold now (committed). */
  long lettersNow(String bootstrap) {
    return sideTopics().stream().mapToLong(t -> TopicCounts.count(bootstrap, t)).sum();
  }

  /** Reads every side topic and accounts for every record sent. */
  synchronized void account(String bootstrap) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> bySource = new HashMap<>();
    for (String topic : sideTopics()) {
      for (ConsumerRecord<byte[], byte[]> r : TopicCounts.readAll(bootstrap, topic)) {
        lettersPerTopic.merge(topic, 1, Integer::sum);
        DeadLetterHeaders.Source source = DeadLetterHeaders.sourceOf(r.headers());
        Sent sent = source == null ? null : sentByPosition.get(source.toString());
        if (sent == null) {
          problems.get("letter naming no input record").add(topic + "-" + r.partition() + "@" + r.offset() + " names "
              + source + " (headers " + headerNames(r) + ")");
          continue;
        }
        if (sent.hostile() == null) {
          problems.get("workload record set aside").add(sent.position() + " in " + topic);
          continue;
        }
        bySource.computeIfAbsent(sent.position(), k -> new ArrayList<>()).add(r);
      }
    }
    for (Sent s : sentByPosition.values()) {
      if (s.hostile() != null) {
        check(s, bySource.getOrDefault(s.position(), List.of()));
      }
    }
  }

  private void check(Sent s, List<ConsumerRecord<byte[], byte[]>> letters) {
    HostileKind kind = s.hostile().kind();
    Map<String, Integer> out = outcomes.computeIfAbsent(kind, k -> new TreeMap<>());
    String where = kind + " #" + s.hostile().index() + " at " + s.position();
    if (letters.isEmpty()) {
      out.merge("processed", 1, Integer::sum);
      if (!kind.expect.mayBeProcessed()) {
        problems.get("missing letter").add(where);
      }
      return;
    }
    if (letters.size() > 1) {
      problems.get("duplicated letter").add(where + " x" + letters.size());
    }
    Set<HostileKind.Letter> acceptable = kind.acceptableLetters(names);
    for (ConsumerRecord<byte[], byte[]> r : letters) {
      String letterKind = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.KIND);
      String ruleId = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.RULE_ID);
      out.merge(r.topic().substring(names.metrics().lastIndexOf('.') + 1) + "/" + letterKind, 1, Integer::sum);
      // A valid line of a group whose log-rule window has already moved on is late by rule semantics: log rules
      // keep one window per series, and a backlog after an outage interleaves the streams of a group in the
      // logs-by-group repartition out of time order. Set aside with complete headers, so not lost.
      boolean lateLogLine = kind.input == HostileKind.Input.LOGS && kind.expect.mayBeProcessed()
          && r.topic().equals(TopicNames.lateData(names.logs())) && DeadLetterHeaders.Kind.LATE.header().equals(letterKind);
      if (lateLogLine) {
        lateValidLogLines++;
      } else if (acceptable.isEmpty()) {
        problems.get("letter for a valid record").add(where + " in " + r.topic() + " as " + letterKind + ": "
            + DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.ERROR_MESSAGE));
        continue;
      }
      HostileKind.Letter seen = lateLogLine ? null : new HostileKind.Letter(r.topic(), letterKind,
          acceptable.iterator().next().ruleId() == null ? null : ruleId);
      if (seen != null && !acceptable.contains(seen)) {
        problems.get("letter in the wrong place").add(where + " in " + r.topic() + " as " + letterKind + " rule " + ruleId
            + ", expected " + acceptable);
      }
      List<String> absent = new ArrayList<>();
      for (String h : List.of(DeadLetterHeaders.KIND, DeadLetterHeaders.ERROR_CLASS, DeadLetterHeaders.ERROR_MESSAGE,
          DeadLetterHeaders.SOURCE_TOPIC, DeadLetterHeaders.SOURCE_PARTITION, DeadLetterHeaders.SOURCE_OFFSET)) {
        if (r.headers().lastHeader(h) == null) {
          absent.add(h);
        }
      }
      if (DeadLetterHeaders.Kind.RULE_DEFECT.header().equals(letterKind) && ruleId == null) {
        absent.add(DeadLetterHeaders.RULE_ID);
      }
      if (!absent.isEmpty()) {
        problems.get("incomplete headers").add(where + " lacks " + absent);
      }
      boolean sameKey = Arrays.equals(r.key(), s.key());
      // rules.rejected re-encodes the rejected definition (the global store keeps it decoded): same rule and version
      boolean sameValue = r.topic().equals(names.rulesRejected()) ? sameRuleRecord(r.value(), s.value())
          : Arrays.equals(r.value(), s.value());
      if (!sameKey || !sameValue) {
        problems.get("not the raw bytes").add(where + " in " + r.topic() + ": " + (sameKey ? "" : "key " + length(r.key())
            + " bytes, sent " + length(s.key()) + "; ") + (sameValue ? "value same" : "value " + length(r.value())
            + " bytes, sent " + length(s.value())));
      }
    }
  }

  private boolean sameRuleRecord(byte[] letter, byte[] sent) {
    try {
      var serde = topics.rules().valueSerde().deserializer();
      var a = serde.deserialize(names.rulesRejected(), letter);
      var b = serde.deserialize(names.rules(), sent);
      return a.getRuleId().toString().equals(b.getRuleId().toString()) && a.getVersion() == b.getVersion()
          && a.getDefinitionJson().toString().equals(b.getDefinitionJson().toString());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Valid hostile log lines that were late for their rule's window (see {@link #account}); reported, not a failure. */
  int lateValidLogLines() {
    return lateValidLogLines;
  }

  private static String length(byte[] b) {
    return b == null ? "null" : Integer.toString(b.length);
  }

  private static List<String> headerNames(ConsumerRecord<byte[], byte[]> r) {
    List<String> out = new ArrayList<>();
    r.headers().forEach(h -> out.add(h.key()));
    return out;
  }

  synchronized Map<String, Problems> problems() {
    return problems;
  }

  synchronized long problemCount() {
    return problems.values().stream().mapToLong(p -> p.count).sum();
  }

  synchronized Map<String, Integer> lettersPerTopic() {
    return Map.copyOf(lettersPerTopic);
  }

  /** Per kind: records tried, and what became of them (side topic/kind counts, or processed). */
  synchronized String table() {
    StringBuilder out = new StringBuilder(String.format("%-34s %6s  %s%n", "kind", "tried", "outcome"));
    for (HostileKind k : HostileKind.values()) {
      out.append(String.format("%-34s %6d  %s (expected %s)%n", k, tried.getOrDefault(k, 0),
          outcomes.getOrDefault(k, Map.of()), k.expect));
    }
    problems.forEach((name, p) -> {
      if (p.count > 0) {
        out.append(String.format("PROBLEM %-28s %6d  e.g. %s%n", name, p.count, p.examples));
      }
    });
    return out.toString();
  }

  /** Records tried per kind, compactly, for the fault summary. */
  synchronized String triedPerInput() {
    Map<HostileKind.Input, Integer> per = new EnumMap<>(HostileKind.Input.class);
    tried.forEach((k, n) -> per.merge(k.input, n, Integer::sum));
    return per.toString();
  }
}

package io.watchstream.processor.topology;

import io.watchstream.schemas.DeadLetterHeaders;

import io.watchstream.avro.RuleRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forwards each rejected rule record once to {@code rules.rejected}, with the {@link DeadLetterHeaders} (kind
 * {@code bad-record}, stage {@code validate}, the reason, the {@code rules} position and the rule id) and
 * {@value #VERSION_IN_FORCE} (0 when none is). The value is the rejected record re-encoded, without its
 * {@code publishedAt}: the global store that validated it keeps the decoded definition, not the bytes. Which
 * rejections were reported is kept in a changelogged store, so a restart does not repeat them.
 */
final class RejectionReporter {
  static final String VERSION_IN_FORCE = "watchstream.version.in.force";

  private final KeyValueStore<String, String> reported;
  private final String rulesTopic;

  RejectionReporter(KeyValueStore<String, String> reported, String rulesTopic) {
    this.reported = reported;
    this.rulesTopic = rulesTopic;
  }

  void report(KeyValueStore<String, RuleEntry> rules, long wallNow, Consumer<Record<String, Output>> forward) {
    try (KeyValueIterator<String, RuleEntry> it = rules.all()) {
      while (it.hasNext()) {
        RuleEntry e = it.next().value;
        if (e == null || e.rejected() == null) {
          continue;
        }
        RuleEntry.Rejection r = e.rejected();
        String marker = r.partition() + ":" + r.offset();
        if (marker.equals(reported.get(e.ruleId()))) {
          continue;
        }
        reported.put(e.ruleId(), marker);
        RuleRecord value = RuleRecord.newBuilder()
            .setRuleId(e.ruleId())
            .setVersion(r.version())
            .setKind(e.kind() == null ? "unknown" : e.kind())
            .setDefinitionJson(r.definitionJson())
            .setSource(r.source())
            .setPublishedAt(Instant.EPOCH)
            .build();
        RecordHeaders headers = DeadLetterHeaders.from(null).kind(DeadLetterHeaders.Kind.BAD_RECORD).stage("validate")
            .reason(r.error()).source(rulesTopic, r.partition(), r.offset()).ruleId(e.ruleId()).build();
        headers.add(VERSION_IN_FORCE, Integer.toString(e.inForce() ? e.version() : 0).getBytes(StandardCharsets.UTF_8));
        forward.accept(new Record<>((String) null, new Output.RejectedRule(e.ruleId(), value), wallNow, headers));
      }
    }
  }
}

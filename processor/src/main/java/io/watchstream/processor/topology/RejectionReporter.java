package io.watchstream.processor.topology;

import io.watchstream.avro.RuleRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forwards each rejected rule record once to {@code rules.rejected}, with the error in headers. Which
 * rejections were reported is kept in a changelogged store, so a restart does not repeat them.
 */
final class RejectionReporter {
  private final KeyValueStore<String, String> reported;

  RejectionReporter(KeyValueStore<String, String> reported) {
    this.reported = reported;
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
        RecordHeaders headers = new RecordHeaders();
        headers.add("watchstream.error", r.error().getBytes(StandardCharsets.UTF_8));
        headers.add("watchstream.source.offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add("watchstream.version.in.force", Integer.toString(e.inForce() ? e.version() : 0).getBytes(StandardCharsets.UTF_8));
        forward.accept(new Record<>((String) null, new Output.RejectedRule(e.ruleId(), value), wallNow, headers));
      }
    }
  }
}

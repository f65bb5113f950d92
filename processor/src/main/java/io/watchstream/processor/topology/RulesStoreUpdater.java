package io.watchstream.processor.topology;

import io.watchstream.avro.RuleRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global rules store in step with the compacted {@code rules} topic (also on restore): a valid
 * record replaces the rule in force, a tombstone deletes it, and an invalid record is remembered as
 * rejected while the previous version stays in force. Rejections are reported to {@code rules.rejected}
 * by the stream task of partition 0 (see {@link MetricRuleProcessor}), because a global processor cannot
 * write to topics.
 */
final class RulesStoreUpdater implements Processor<String, RuleRecord, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(RulesStoreUpdater.class);

  private final RuleCatalog catalog;
  private KeyValueStore<String, RuleEntry> store;
  private ProcessorContext<Void, Void> context;

  RulesStoreUpdater(RuleCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(ProcessorTopology.RULES_STORE);
    // what a local checkpoint already holds is not re-processed on restore: mirror it from the store
    try (var it = store.all()) {
      it.forEachRemaining(kv -> catalog.mirror(kv.key, kv.value));
    }
    catalog.changed();
  }

  @Override
  public void process(Record<String, RuleRecord> record) {
    String key = record.key();
    if (key == null) {
      return;
    }
    RuleRecord value = record.value();
    if (value == null) {
      store.delete(key);
      catalog.mirror(key, null);
      catalog.changed();
      return;
    }
    String problem = RuleCatalog.problemWith(key, value);
    RuleEntry previous = store.get(key);
    if (problem == null) {
      RuleEntry entry = new RuleEntry(key, value.getVersion(), value.getKind(), value.getDefinitionJson(), value.getSource(),
          value.getPublishedAt().toEpochMilli(), null);
      store.put(key, entry);
      catalog.mirror(key, entry);
    } else {
      var meta = context.recordMetadata();
      RuleEntry.Rejection rejection = new RuleEntry.Rejection(value.getVersion(), value.getDefinitionJson(), value.getSource(),
          problem, meta.map(m -> m.offset()).orElse(-1L), meta.map(m -> m.partition()).orElse(-1));
      LOG.warn("Rejected rule {} version {}: {}; previous version {} stays in force", key, value.getVersion(), problem,
          previous == null || !previous.inForce() ? "(none)" : previous.version());
      store.put(key, previous == null
          ? new RuleEntry(key, 0, value.getKind(), null, null, 0, rejection)
          : previous.withRejection(rejection));
    }
    catalog.changed();
  }
}

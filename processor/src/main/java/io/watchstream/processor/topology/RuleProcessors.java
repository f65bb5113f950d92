package io.watchstream.processor.topology;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.processor.anomaly.AnomalyBinding;
import io.watchstream.processor.anomaly.AnomalyScoreProcessor;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.TopicNames;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * The processors of {@link ProcessorTopology}, one new instance per call (Kafka Streams asks once per task).
 * {@link ProcessorTopology#build} wires them into a Kafka Streams topology; the broker-less replay engine
 * wires the very same processors in memory, so live processing and replay share every line of rule logic.
 * All processors created by one instance share its {@link RuleCatalog}.
 */
public final class RuleProcessors {

  private final RuleCatalog catalog;
  private final UndecodableRuleRecords undecodableRules = new UndecodableRuleRecords();
  private final TopologySettings settings;
  private final TopicNames names;
  private final RecordFaults faults;

  public RuleProcessors(TopologySettings settings, TopicNames names) {
    this.catalog = new RuleCatalog();
    this.settings = settings;
    this.names = names;
    this.faults = RecordFaults.of(settings.recordBounds());
    for (String input : List.of(names.metrics(), names.logs())) {
      faults.counts().expect(TopicNames.lateData(input), DeadLetterHeaders.Kind.LATE);
      faults.counts().expect(TopicNames.lateData(input), DeadLetterHeaders.Kind.OUT_OF_BOUNDS);
      faults.counts().expect(TopicNames.deadLetter(input), DeadLetterHeaders.Kind.BAD_RECORD);
      faults.counts().expect(TopicNames.deadLetter(input), DeadLetterHeaders.Kind.RULE_DEFECT);
    }
  }

  /** The time bounds, degraded rules and set-aside counters every processor of this instance shares. */
  public RecordFaults faults() {
    return faults;
  }

  public RuleCatalog catalog() {
    return catalog;
  }

  /** Where the deserialization handler parks rules-topic records it could not decode (see {@link DeadLetterHandler}). */
  public UndecodableRuleRecords undecodableRules() {
    return undecodableRules;
  }

  /** metrics (only for a task to run in) → rules-topic records the global thread could not decode, to rules.dlq. */
  public Processor<MetricSeriesKey, MetricDatapoint, byte[], byte[]> ruleDeadLetters() {
    return new RuleDeadLetterReporter(undecodableRules);
  }

  /** Keeps the global {@value ProcessorTopology#RULES_STORE} store and the catalogue in step with the rules topic. */
  public Processor<String, RuleRecord, Void, Void> rulesUpdater() {
    return new RulesStoreUpdater(catalog);
  }

  /** metrics → threshold rules (stores {@value ProcessorTopology#METRIC_STATES_STORE}, {@value ProcessorTopology#REJECTIONS_STORE}). */
  public Processor<MetricSeriesKey, MetricDatapoint, String, Output> thresholdRules() {
    return new MetricRuleProcessor(catalog, settings.evaluationInterval(), settings.idleAfter(), names.metrics(), names.rules(), faults);
  }

  /** metrics → anomaly scores (store {@value AnomalyScoreProcessor#STORE}). */
  public Processor<MetricSeriesKey, MetricDatapoint, MetricSeriesKey, AnomalyScore> anomalyScoring() {
    return new AnomalyScoreProcessor(this::anomalyBindings, faults, names.metrics());
  }

  private volatile Bindings bindings = new Bindings(-1, List.of());

  private record Bindings(long generation, List<AnomalyBinding> list) {}

  /** The anomaly rules in force as bindings, rebuilt only when a rule record changed something (asked per datapoint). */
  private List<AnomalyBinding> anomalyBindings() {
    Bindings b = bindings;
    long generation = catalog.generation();
    if (b.generation() != generation) {
      b = new Bindings(generation, catalog.anomalyRules().stream().map(AnomalyBinding::of).toList());
      bindings = b;
    }
    return b.list();
  }

  /** anomaly scores → alerts (store {@value ProcessorTopology#ANOMALY_STATE_STORE}). */
  public Processor<MetricSeriesKey, AnomalyScore, String, Output> anomalyAlerts() {
    return new AnomalyAlertProcessor(catalog, faults, names.metrics());
  }

  /** logs keyed by log group → log rules (stores {@value ProcessorTopology#LOG_STATE_STORE}, {@value ProcessorTopology#TERMS_STORE}). */
  public Processor<String, LogEvent, String, Output> logRules() {
    return new LogRuleProcessor(catalog, settings.evaluationInterval(), settings.idleAfter(), names.logs(), faults);
  }

  /** logs → usable lines keyed by log group, their input position in their headers (before the repartition). */
  public Processor<LogStreamKey, LogEvent, String, LogEvent> logIntake() {
    return new LogIntake(names.logs(), faults);
  }

  /** The key log records are repartitioned by before the log rules: their log group. */
  public static String logGroupOf(LogStreamKey key, LogEvent value) {
    return value == null ? (key == null ? "" : key.getLogGroup()) : value.getLogGroup();
  }
}

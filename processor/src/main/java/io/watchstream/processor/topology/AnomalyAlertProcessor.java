package io.watchstream.processor.topology;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.eval.AnomalyEvaluator;
import io.watchstream.processor.eval.AnomalyState;
import io.watchstream.processor.eval.Emission;
import io.watchstream.processor.eval.InputPosition;
import io.watchstream.processor.rules.AnomalyRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads the anomaly scores of the anomaly processor (same task, keyed by series); keeps an
 * {@link AnomalyState} per (anomaly rule, series) in {@value ProcessorTopology#ANOMALY_STATE_STORE} and
 * emits alerts (with the band) and scaling commands on transitions. Lineage points at the metrics record.
 */
final class AnomalyAlertProcessor implements Processor<MetricSeriesKey, AnomalyScore, String, Output> {

  private final RuleCatalog catalog;
  private final RecordFaults faults;
  private final String topic;
  private final Map<String, AnomalyEvaluator> evaluators = new ConcurrentHashMap<>();
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, AnomalyState> states;

  AnomalyAlertProcessor(RuleCatalog catalog, RecordFaults faults, String topic) {
    this.catalog = catalog;
    this.faults = faults;
    this.topic = topic;
  }

  @Override
  public void init(ProcessorContext<String, Output> context) {
    this.context = context;
    this.states = context.getStateStore(ProcessorTopology.ANOMALY_STATE_STORE);
  }

  @Override
  public void process(Record<MetricSeriesKey, AnomalyScore> record) {
    AnomalyScore score = record.value();
    MetricSeriesKey key = record.key();
    if (score == null || key == null || key.getPeriodSeconds() <= 0) {
      return;
    }
    RuleCatalog.Compiled c = catalog.anomaly(score.getRuleId());
    if (c == null) {
      return;
    }
    try {
      evaluate(c, record, score, key);
    } catch (RuntimeException | StackOverflowError e) {
      // the state is written only after the evaluation, so the store keeps the previous one
      faults.ruleFailed(c.rule().id(), e, context.currentSystemTimeMs());
      throw faults.setAside(topic, SetAside.ruleDefect(List.of(c.rule().id()), e));
    }
  }

  private void evaluate(RuleCatalog.Compiled c, Record<MetricSeriesKey, AnomalyScore> record, AnomalyScore score,
      MetricSeriesKey key) {
    AnomalyRule rule = (AnomalyRule) c.rule();
    AnomalyEvaluator ev = evaluators.computeIfAbsent(rule.id() + "@" + c.version(), k -> new AnomalyEvaluator(rule));
    String stateKey = rule.id() + "|" + score.getSeriesKey();
    AnomalyState s = states.get(stateKey);
    if (s == null) {
      s = new AnomalyState(rule.id(), score.getSeriesKey());
      for (Dimension d : key.getDimensions()) {
        s.dimensions.put(d.getName(), d.getValue());
      }
    }
    s.ruleVersion = c.version();
    InputPosition input = context.recordMetadata().map(m -> new InputPosition(m.topic(), m.partition(), m.offset())).orElse(null);
    AnomalyState.Point point = new AnomalyState.Point(score.getValue(), score.getExpected(), score.getLower(), score.getUpper(),
        score.getTimestamp().toEpochMilli(), input);
    List<Emission> emissions = ev.admit(s, key.getPeriodSeconds() * 1000L, point);
    states.put(stateKey, s);
    faults.activity().evaluated(rule.kind());
    for (Emission e : emissions) {
      faults.activity().emitted(rule.kind(), e);
      for (Output o : AlertFactory.outputs(rule, c.version(), s.seriesKey, s.dimensions, e, point.expected(), point.lower(), point.upper())) {
        context.forward(new Record<>((String) null, o,
            faults.bounds().outputTimestamp(Math.max(record.timestamp(), e.transitionTime()), context.currentSystemTimeMs())));
      }
    }
  }
}

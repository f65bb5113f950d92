package io.watchstream.processor.anomaly;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.RecordBounds;
import io.watchstream.processor.topology.RecordFaults;
import io.watchstream.processor.topology.SetAside;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Reads {@code metrics} datapoints; for every anomaly rule whose selector matches the series, loads the
 * (rule, series) model from the {@value #STORE} RocksDB store (changelogged, so it survives restarts and
 * rebalances), scores the datapoint, stores the updated model and emits an {@link AnomalyScore} keyed by the
 * series. A datapoint at or before the last one a model has learned (late, re-sent, or behind a clock set back) is
 * scored against the model and emitted like any other, but not learned and the stored model is left as it was:
 * models only move forward in time, so a redelivered datapoint cannot be learned twice.
 */
public final class AnomalyScoreProcessor implements Processor<MetricSeriesKey, MetricDatapoint, MetricSeriesKey, AnomalyScore> {

  public static final String STORE = "anomaly-models";

  private final Supplier<List<AnomalyBinding>> bindings;
  private final RecordFaults faults;
  private final String topic;
  private ProcessorContext<MetricSeriesKey, AnomalyScore> context;
  private KeyValueStore<String, byte[]> models;

  /** {@code bindings} is asked on every record, so rule changes take effect without a restart. */
  public AnomalyScoreProcessor(Supplier<List<AnomalyBinding>> bindings) {
    this(bindings, RecordFaults.of(RecordBounds.UNBOUNDED), "metrics");
  }

  /**
   * {@code faults}: datapoints outside its bounds are skipped (the threshold processor sets them aside), a model that
   * throws on a datapoint degrades its rule and sends the datapoint, raw, to {@code <topic>.dlq}.
   */
  public AnomalyScoreProcessor(Supplier<List<AnomalyBinding>> bindings, RecordFaults faults, String topic) {
    this.bindings = bindings;
    this.faults = faults;
    this.topic = topic;
  }

  /** The model store: persistent key-value, String (rule id + series) to model bytes, changelog on. */
  public static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray());
  }

  /** Store key of a (rule, series) model; the rule id comes first so one rule's models are contiguous. */
  public static String storeKey(String ruleId, MetricSeriesKey series) {
    return ruleId + "\u0000" + SeriesKeys.canonical(series);
  }

  @Override
  public void init(ProcessorContext<MetricSeriesKey, AnomalyScore> context) {
    this.context = context;
    this.models = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<MetricSeriesKey, MetricDatapoint> record) {
    MetricSeriesKey series = record.key();
    MetricDatapoint d = record.value();
    long wall = context.currentSystemTimeMs();
    if (series == null || d == null || !Double.isFinite(d.getValue())
        || faults.bounds().violation(d.getTimestamp().toEpochMilli(), wall) != null) {
      return; // set aside by the threshold processor, which reads the same records
    }
    List<String> failed = List.of();
    Throwable firstFailure = null;
    for (AnomalyBinding b : bindings.get()) {
      try {
        if (b.selector().test(series)) {
          score(b, series, d, record);
        }
      } catch (RuntimeException | StackOverflowError e) {
        // the model is written only after it scored, so the store keeps the previous one
        faults.ruleFailed(b.ruleId(), e, wall);
        failed = failed.isEmpty() ? new java.util.ArrayList<>() : failed;
        failed.add(b.ruleId());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw faults.setAside(topic, SetAside.ruleDefect(failed, firstFailure));
    }
  }

  private void score(AnomalyBinding b, MetricSeriesKey series, MetricDatapoint d, Record<MetricSeriesKey, MetricDatapoint> record) {
    String key = storeKey(b.ruleId(), series);
    byte[] saved = models.get(key);
    AdaptiveBaseline model = saved == null ? null : ModelStateSerde.fromBytes(saved);
    if (model == null || model.kind() != b.model()) {
      // first datapoint, or the rule now asks for another model: start learning afresh
      model = new AdaptiveBaseline(b.model(), b.settings());
    } else if (!model.settings().equals(b.settings())) {
      model = model.withSettings(b.settings());
    }
    long t = d.getTimestamp().toEpochMilli();
    boolean late = model.isLate(t);
    Score s = model.update(t, d.getValue());
    if (!late) {
      models.put(key, ModelStateSerde.toBytes(model));
    }
    AnomalyScore out = AnomalyScore.newBuilder()
        .setRuleId(b.ruleId())
        .setSeriesKey(SeriesKeys.canonical(series))
        .setTimestamp(d.getTimestamp())
        .setValue(d.getValue())
        .setScore(s.score())
        .setExpected(s.training() ? null : s.expected())
        .setLower(s.training() ? null : s.lower())
        .setUpper(s.training() ? null : s.upper())
        .setModel(s.model().label())
        .build();
    context.forward(record.withValue(out).withTimestamp(faults.bounds().outputTimestamp(t, context.currentSystemTimeMs())));
  }
}

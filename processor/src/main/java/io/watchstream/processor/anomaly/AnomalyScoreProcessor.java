package io.watchstream.processor.anomaly;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.SeriesKeys;
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
 * series. A datapoint at or before the last one a model has seen is skipped for that model: models only
 * move forward in time, so a redelivered or late datapoint cannot be learned twice.
 */
public final class AnomalyScoreProcessor implements Processor<MetricSeriesKey, MetricDatapoint, MetricSeriesKey, AnomalyScore> {

  public static final String STORE = "anomaly-models";

  private final Supplier<List<AnomalyBinding>> bindings;
  private ProcessorContext<MetricSeriesKey, AnomalyScore> context;
  private KeyValueStore<String, byte[]> models;

  /** {@code bindings} is asked on every record, so rule changes take effect without a restart. */
  public AnomalyScoreProcessor(Supplier<List<AnomalyBinding>> bindings) {
    this.bindings = bindings;
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
    if (series == null || d == null || !Double.isFinite(d.getValue())) {
      return;
    }
    for (AnomalyBinding b : bindings.get()) {
      if (b.selector().test(series)) {
        score(b, series, d, record);
      }
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
    if (model.count() > 0 && t <= model.lastMillis()) {
      return;
    }
    Score s = model.update(t, d.getValue());
    models.put(key, ModelStateSerde.toBytes(model));
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
    context.forward(record.withValue(out).withTimestamp(t));
  }
}

package io.watchstream.schemas;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.AnomalyScore;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.avro.RuleRecord;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic catalogue: every topic with its name and serdes, in one place. Code never spells a topic
 * name or picks a serde by itself: {@code Consumed.with(topics.metrics().keySerde(), topics.metrics().valueSerde())}.
 */
public final class Topics {
  private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

  private final TopicNames names;
  private final SchemaRegistryClient registry;
  private final TopicSpec<MetricSeriesKey, MetricDatapoint> metrics;
  private final TopicSpec<LogStreamKey, LogEvent> logs;
  private final TopicSpec<String, RuleRecord> rules;
  private final TopicSpec<AlertKey, AlertTransition> alerts;
  private final TopicSpec<ScalingCommandKey, ScalingCommand> scalingCommands;
  private final TopicSpec<MetricSeriesKey, AnomalyScore> anomalyScores;

  public Topics(TopicNames names, SchemaRegistryClient registry) {
    this.names = names;
    this.registry = registry;
    this.metrics = new TopicSpec<>(names.metrics(), keys(MetricSeriesKey.class), values(MetricDatapoint.class));
    this.logs = new TopicSpec<>(names.logs(), keys(LogStreamKey.class), values(LogEvent.class));
    this.rules = new TopicSpec<>(names.rules(), Serdes.String(), values(RuleRecord.class));
    this.alerts = new TopicSpec<>(names.alerts(), keys(AlertKey.class), values(AlertTransition.class));
    this.scalingCommands = new TopicSpec<>(names.scalingCommands(), keys(ScalingCommandKey.class), values(ScalingCommand.class));
    this.anomalyScores = new TopicSpec<>(names.anomalyScores(), keys(MetricSeriesKey.class), values(AnomalyScore.class));
  }

  public TopicNames names() {
    return names;
  }

  public SchemaRegistryClient registry() {
    return registry;
  }

  public TopicSpec<MetricSeriesKey, MetricDatapoint> metrics() {
    return metrics;
  }

  public TopicSpec<LogStreamKey, LogEvent> logs() {
    return logs;
  }

  public TopicSpec<String, RuleRecord> rules() {
    return rules;
  }

  public TopicSpec<AlertKey, AlertTransition> alerts() {
    return alerts;
  }

  public TopicSpec<ScalingCommandKey, ScalingCommand> scalingCommands() {
    return scalingCommands;
  }

  public TopicSpec<MetricSeriesKey, AnomalyScore> anomalyScores() {
    return anomalyScores;
  }

  /**
   * The serdes of {@code definition} under these names: Avro (with this registry) for Avro types, String or
   * byte-array serdes otherwise. Typed code uses the accessors above; this serves code that handles every topic alike.
   */
  public TopicSpec<?, ?> spec(TopicDefinition definition) {
    return new TopicSpec<>(definition.name(names), serde(definition.keyType(), true), serde(definition.valueType(), false));
  }

  /** The name of {@code definition} under these names. */
  public String name(TopicDefinition definition) {
    return definition.name(names);
  }

  private Serde<?> serde(Class<?> type, boolean isKey) {
    if (type == String.class) {
      return Serdes.String();
    }
    if (type == byte[].class) {
      return Serdes.ByteArray();
    }
    if (org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(type)) {
      return avroSerde(type.asSubclass(org.apache.avro.specific.SpecificRecord.class), isKey);
    }
    throw new IllegalArgumentException("no serde for " + type.getName());
  }

  private <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> avroSerde(Class<T> type, boolean isKey) {
    return isKey ? AvroSerde.forKeys(type, registry) : AvroSerde.forValues(type, registry);
  }

  /**
   * Registers (or fetches the ids of) every subject of {@code written} before a service starts, so that a
   * running service needs the registry only to read a schema id it has never seen. Waits out a registry
   * outage as the registry client's retry policy says: a service must not start half-registered.
   */
  public static List<String> registerForWriting(List<TopicSpec<?, ?>> written) {
    List<String> subjects = new ArrayList<>();
    for (TopicSpec<?, ?> spec : written) {
      subjects.addAll(spec.registerForWriting());
    }
    LOG.info("Registered {} subjects for writing: {}", subjects.size(), subjects);
    return subjects;
  }

  /**
   * Fetches the latest schemas of every subject of {@code read} that exists, at start-up, so that records
   * written with the producers' current schemas are read without the registry; waits out an outage as
   * {@link #registerForWriting} does. A schema id seen later for the first time is still fetched when it comes.
   */
  public static List<String> prefetchForReading(List<TopicSpec<?, ?>> read) {
    List<String> subjects = new ArrayList<>();
    for (TopicSpec<?, ?> spec : read) {
      subjects.addAll(spec.prefetchForReading());
    }
    LOG.info("Fetched the latest schemas of {} subjects for reading: {}", subjects.size(), subjects);
    return subjects;
  }

  private <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> keys(Class<T> type) {
    return AvroSerde.forKeys(type, registry);
  }

  private <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> values(Class<T> type) {
    return AvroSerde.forValues(type, registry);
  }
}

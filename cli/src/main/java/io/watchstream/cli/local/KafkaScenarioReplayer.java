package io.watchstream.cli.local;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The no-moto fallback: plays the bundled scenario data straight into the {@code metrics} and {@code logs} topics,
 * standing in for ingest. Records are keyed exactly as ingest keys them (series key, log group + stream) and
 * stamped with their event time; those due at start-up are written at once, the rest when their time comes.
 * The producer is idempotent, and a batch counts as written only once the broker acknowledged it.
 */
public final class KafkaScenarioReplayer implements AutoCloseable {

  private final KafkaProducer<MetricSeriesKey, MetricDatapoint> metrics;
  private final KafkaProducer<LogStreamKey, LogEvent> logs;
  private final Topics topics;
  private final List<MetricDatapoint> datapoints;
  private final List<LogEvent> events;
  private int nextDatapoint;
  private int nextEvent;

  public KafkaScenarioReplayer(String bootstrapServers, Topics topics, ScenarioFiles.Data data) {
    Properties props = new Properties();
    props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.ACKS_CONFIG, "all"));
    this.topics = topics;
    this.metrics = new KafkaProducer<>(props, topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
    this.logs = new KafkaProducer<>(props, topics.logs().keySerde().serializer(), topics.logs().valueSerde().serializer());
    this.datapoints = data.datapoints().stream()
        .sorted(java.util.Comparator.comparing(MetricDatapoint::getTimestamp)).toList();
    this.events = data.logEvents().stream().sorted(java.util.Comparator.comparing(LogEvent::getTimestamp)).toList();
  }

  /** Writes every record stamped at or before {@code now} not written yet; returns how many. */
  public synchronized int playUntil(Instant now) {
    int from = nextDatapoint;
    int fromEvents = nextEvent;
    List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks = new java.util.ArrayList<>();
    int d = from;
    while (d < datapoints.size() && !datapoints.get(d).getTimestamp().isAfter(now)) {
      MetricDatapoint p = datapoints.get(d);
      acks.add(metrics.send(new ProducerRecord<>(topics.metrics().name(), null, p.getTimestamp().toEpochMilli(), SeriesKeys.of(p), p)));
      d++;
    }
    int e = fromEvents;
    while (e < events.size() && !events.get(e).getTimestamp().isAfter(now)) {
      LogEvent ev = events.get(e);
      acks.add(logs.send(new ProducerRecord<>(topics.logs().name(), null, ev.getTimestamp().toEpochMilli(),
          new LogStreamKey(ev.getLogGroup(), ev.getLogStream()), ev)));
      e++;
    }
    // The cursors only move once the broker acknowledged every record; a failure is retried on the next call
    // (the idempotent producer keeps a resend within its session from duplicating).
    for (var ack : acks) {
      try {
        ack.get();
      } catch (java.util.concurrent.ExecutionException failed) {
        throw new IllegalStateException("replaying the scenario into Kafka failed: " + failed.getCause(), failed.getCause());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while replaying the scenario", interrupted);
      }
    }
    nextDatapoint = d;
    nextEvent = e;
    return (d - from) + (e - fromEvents);
  }

  /** True once every bundled record has been written. */
  public synchronized boolean finished() {
    return nextDatapoint == datapoints.size() && nextEvent == events.size();
  }

  @Override
  public void close() {
    metrics.close(java.time.Duration.ofSeconds(5));
    logs.close(java.time.Duration.ofSeconds(5));
  }
}

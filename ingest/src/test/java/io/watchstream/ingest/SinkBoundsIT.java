package io.watchstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.kafka.KafkaIngestSink;
import io.watchstream.ingest.kafka.IngestTopics;
import io.watchstream.ingest.logs.FetchedLogEvent;
import io.watchstream.ingest.metrics.MetricPoller;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.metrics.SeriesWatermark;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Records the broker would refuse, written through the real sink to the real broker (whose
 * {@code log.message.timestamp.after.max.ms} is Kafka's default, 1 h): a datapoint 90 minutes ahead (CloudWatch
 * accepts 2 h), one in the year 9999, one before the epoch, a NaN, and a log event larger than a record may be.
 * The batch commits — no record of it can stall the sink, which would stop every series — the good records reach
 * the data topics with a record timestamp the broker accepts, and the others are in {@code .dlq} with the common
 * headers and counted.
 */
class SinkBoundsIT {

  private final String prefix = "bounds-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @Test
  void recordsTheBrokerWouldRefuseAreSetAsideAndTheBatchStillCommits() {
    IngestConfig config = IngestConfigLoader.parse("""
        instanceId: bounds
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s"
          topics: {metrics: "%smetrics", logs: "%slogs", checkpoints: "%scheckpoints"}
          partitions: 1
        logs:
          sources:
            - {logGroup: /var/log/secure}
        bounds: {maxRecordBytes: 100000}
        """.formatted(RealParts.kafka().bootstrapServers(), RealParts.registry().ccompatUrl(), prefix, prefix, prefix),
        Map.of());
    IngestTopics.ensure(config);
    Topics topics = new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl()));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    SeriesId series = SeriesId.of("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "i-1"), "Average", 60);
    MetricDatapoint normal = point(series, now.minusSeconds(60), 50.0);
    MetricDatapoint ahead = point(series, now.plus(Duration.ofMinutes(90)), 51.0);
    MetricDatapoint y9999 = point(series, Instant.parse("9999-01-01T00:00:00Z"), 52.0);
    MetricDatapoint beforeEpoch = point(series, Instant.ofEpochMilli(-60_000), 53.0);
    MetricDatapoint nan = point(series, now.minusSeconds(120), Double.NaN);
    LogEvent line = new FetchedLogEvent("/var/log/secure", "i-1", "e1", now.toEpochMilli(), now.toEpochMilli(), "sshd: ok").toAvro();
    LogEvent huge = new FetchedLogEvent("/var/log/secure", "i-1", "e2", now.toEpochMilli(), now.toEpochMilli(),
        "x".repeat(200_000)).toAvro();

    try (KafkaIngestSink sink = new KafkaIngestSink(config, topics, Clock.systemUTC(), new IngestMetrics(registry, Clock.systemUTC()))) {
      var key = series.toKey();
      sink.commit(new IngestSink.Batch(
          List.of(new IngestSink.MetricRecord(key, normal), new IngestSink.MetricRecord(key, ahead),
              new IngestSink.MetricRecord(key, y9999), new IngestSink.MetricRecord(key, beforeEpoch),
              new IngestSink.MetricRecord(key, nan)),
          List.of(new IngestSink.LogRecord(new FetchedLogEvent("/var/log/secure", "i-1", "e1", 0, 0, "").key(), line),
              new IngestSink.LogRecord(new FetchedLogEvent("/var/log/secure", "i-1", "e2", 0, 0, "").key(), huge)),
          Map.of()));
    }

    TopicReader reader = new TopicReader(RealParts.kafka().bootstrapServers(), topics);
    List<ConsumerRecord<byte[], byte[]>> data = reader.readAll(topics.metrics().name());
    assertThat(data).hasSize(2);
    assertThat(data).allMatch(r -> r.timestamp() <= System.currentTimeMillis());
    assertThat(reader.metrics()).extracting(d -> d.value().getTimestamp()).containsExactly(normal.getTimestamp(), ahead.getTimestamp());
    assertThat(reader.logs()).extracting(LogEvent::getMessage).containsExactly("sshd: ok");

    List<ConsumerRecord<byte[], byte[]>> metricsDlq = reader.readAll(TopicNames.deadLetter(topics.metrics().name()));
    assertThat(metricsDlq).extracting(r -> header(r, DeadLetterHeaders.KIND))
        .containsExactly("out-of-bounds", "out-of-bounds", "bad-record");
    assertThat(metricsDlq).allMatch(r -> "ingest".equals(header(r, DeadLetterHeaders.STAGE))
        && DeadLetterHeaders.REASON_CLASS.equals(header(r, DeadLetterHeaders.ERROR_CLASS)));
    assertThat(header(metricsDlq.get(0), DeadLetterHeaders.ERROR_MESSAGE)).contains("is more than PT2H ahead of the wall clock");
    assertThat(topics.metrics().valueSerde().deserializer().deserialize(topics.metrics().name(), metricsDlq.get(2).value())
        .getValue()).isNaN();

    List<ConsumerRecord<byte[], byte[]>> logsDlq = reader.readAll(TopicNames.deadLetter(topics.logs().name()));
    assertThat(logsDlq).hasSize(1);
    assertThat(header(logsDlq.get(0), DeadLetterHeaders.KIND)).isEqualTo("bad-record");
    assertThat(header(logsDlq.get(0), DeadLetterHeaders.ERROR_MESSAGE)).contains("exceeds the record limit of 100000 bytes");
    LogEvent cut = topics.logs().valueSerde().deserializer().deserialize(topics.logs().name(), logsDlq.get(0).value());
    assertThat(cut.getEventId()).isEqualTo("e2");
    assertThat(cut.getMessage().toString()).endsWith("(cut from 200000 chars)");

    assertThat(registry.counter("watchstream.ingest.set.aside", "topic", "metrics", "kind", "out-of-bounds").count()).isEqualTo(2);
    assertThat(registry.counter("watchstream.ingest.set.aside", "topic", "metrics", "kind", "bad-record").count()).isEqualTo(1);
    assertThat(registry.counter("watchstream.ingest.set.aside", "topic", "logs", "kind", "bad-record").count()).isEqualTo(1);
  }

  private static MetricDatapoint point(SeriesId s, Instant at, double value) {
    return MetricPoller.datapoint(s, new SeriesWatermark.Point(at.toEpochMilli(), value), "cloudwatch");
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

package io.watchstream.notifier.delivery;

import io.watchstream.notifier.ops.NotifierMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's dead-letter topic ({@code alerts.dlq} by default): input records that cannot be decoded
 * (original bytes), and notifications that could not be delivered after all retries (a JSON description).
 * Headers say why: {@code ws.stage} (decode, route, deliver, sns), {@code ws.error}, {@code ws.channel},
 * {@code ws.source} (topic-partition@offset). Each write is acknowledged before the input offset is
 * committed, so nothing is dropped silently; every dead letter is also logged at ERROR and counted by stage
 * ({@code watchstream_notifier_dead_letters_total} on {@code /metrics}).
 */
public final class DeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong count = new AtomicLong();
  private final NotifierMetrics metrics;

  public DeadLetters(String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
    this(bootstrapServers, topic, extraClientConfig, NotifierMetrics.discarding());
  }

  public DeadLetters(String bootstrapServers, String topic, Map<String, Object> extraClientConfig, NotifierMetrics metrics) {
    this.topic = topic;
    this.metrics = metrics;
    Properties p = new Properties();
    p.putAll(extraClientConfig);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public void send(String stage, String error, String channel, String source, byte[] key, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ws.stage", utf8(stage));
    headers.add("ws.error", utf8(error));
    if (channel != null) {
      headers.add("ws.channel", utf8(channel));
    }
    if (source != null) {
      headers.add("ws.source", utf8(source));
    }
    try {
      producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not write dead letter to " + topic + "; not committing", e);
    }
    count.incrementAndGet();
    metrics.deadLettered(stage);
    LOG.error("Dead-lettered to {}: stage={} channel={} source={} error={}", topic, stage, channel, source, error);
  }

  public long count() {
    return count.get();
  }

  public String topic() {
    return topic;
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}

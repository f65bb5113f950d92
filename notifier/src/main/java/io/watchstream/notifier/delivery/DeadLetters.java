package io.watchstream.notifier.delivery;

import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.schemas.DeadLetterHeaders;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import io.watchstream.schemas.DeadLetterHeaders.Source;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's dead-letter topic ({@code alerts.dlq} by default). Two kinds of entries, both with the
 * {@link DeadLetterHeaders} every service writes (kind, error class and message, source topic/partition/offset,
 * rule id where known, stage):
 * <ul>
 *   <li>{@link #record}: an input record that cannot be decoded ({@code bad-record}) or routed
 *       ({@code undeliverable}): its raw key, value and headers, byte for byte;
 *   <li>{@link #notification}: a notification Slack permanently rejected (a channel it says does not exist, a
 *       message it calls invalid): a JSON description, with the first consumed record behind it as source.
 * </ul>
 * Outages never come here: delivery waits for Slack and SNS instead. Each write is acknowledged before the input
 * offset is committed, so nothing is dropped silently; every dead letter is also logged at ERROR and counted by
 * stage ({@code watchstream_notifier_dead_letters_total}). A write the broker does not acknowledge is tried again
 * until it is ({@link BrokerWait}): the loop never commits past a dead letter it has not written.
 */
public final class DeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong count = new AtomicLong();
  private final NotifierMetrics metrics;
  private final BrokerWait brokerWait;

  public DeadLetters(String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
    this(bootstrapServers, topic, extraClientConfig, NotifierMetrics.discarding());
  }

  public DeadLetters(String bootstrapServers, String topic, Map<String, Object> extraClientConfig, NotifierMetrics metrics) {
    this(bootstrapServers, topic, extraClientConfig, metrics, BrokerWait.real(DependencyStatus.NONE));
  }

  public DeadLetters(String bootstrapServers, String topic, Map<String, Object> extraClientConfig, NotifierMetrics metrics,
      BrokerWait brokerWait) {
    this.brokerWait = brokerWait;
    this.topic = topic;
    this.metrics = metrics;
    Properties p = new Properties();
    p.putAll(extraClientConfig);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    BrokerWait.failFast(p);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sets aside a consumed record as it was read; {@code error} is the exception, or null with a {@code reason}. */
  public void record(ConsumerRecord<byte[], byte[]> r, Kind kind, String stage, Throwable error, String reason, String ruleId) {
    DeadLetterHeaders h = DeadLetterHeaders.from(r.headers()).kind(kind).stage(stage).ruleId(ruleId)
        .source(r.topic(), r.partition(), r.offset());
    if (error != null) {
      h.error(error);
    } else {
      h.reason(reason);
    }
    write(h, stage, r.key(), r.value());
  }

  /** Sets aside a notification Slack rejected for good; {@code source} is the first record behind it, if known. */
  public void notification(SlackFailure rejection, String ruleId, Source source, byte[] key, byte[] description) {
    DeadLetterHeaders h = DeadLetterHeaders.from(null).kind(Kind.UNDELIVERABLE).stage("deliver").ruleId(ruleId)
        .source(source).error(rejection);
    write(h, "deliver", key, description);
  }

  private void write(DeadLetterHeaders h, String stage, byte[] key, byte[] value) {
    var headers = h.build();
    try {
      brokerWait.untilAcknowledged("dead letter to " + topic,
          () -> producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a dead letter to " + topic + "; not committing", e);
    }
    count.incrementAndGet();
    metrics.deadLettered(stage);
    LOG.error("Dead-lettered to {}: kind={} stage={} rule={} source={} error={}", topic,
        text(headers.lastHeader(DeadLetterHeaders.KIND)), stage, printable(text(headers.lastHeader(DeadLetterHeaders.RULE_ID))),
        printable(text(headers.lastHeader(DeadLetterHeaders.SOURCE_TOPIC))) + "-"
            + text(headers.lastHeader(DeadLetterHeaders.SOURCE_PARTITION)) + "@"
            + text(headers.lastHeader(DeadLetterHeaders.SOURCE_OFFSET)),
        printable(text(headers.lastHeader(DeadLetterHeaders.ERROR_MESSAGE))));
  }

  private static String text(Header h) {
    return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Log lines are read by people and parsers: no control characters, nothing long, from untrusted text. */
  static String printable(String s) {
    if (s == null) {
      return null;
    }
    String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
    return cut.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
  }

  public long count() {
    return count.get();
  }

  public String topic() {
    return topic;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}

package io.watchstream.notifier.state;

import io.watchstream.notifier.engine.Silence;
import io.watchstream.notifier.engine.SilenceBook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted silences topic (key: silence id, value: {@link Silence} as JSON, tombstone removes).
 * The notifier mirrors it into a {@link SilenceBook} with {@link #poll}; the {@code silence} CLI
 * command writes it with {@link #put} and {@link #remove}. A record that does not parse is logged and
 * skipped, so one bad silence cannot stop notifications.
 */
public final class SilenceStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SilenceStore.class);

  private final String topic;
  private final String bootstrapServers;
  private final Map<String, Object> extra;
  private KafkaConsumer<String, String> reader;

  public SilenceStore(String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.extra = Map.copyOf(extraClientConfig);
  }

  /** Reads the whole topic into {@code book} (first call) and afterwards whatever arrived since. */
  public void poll(SilenceBook book, Duration timeout) {
    if (reader == null) {
      Properties c = new Properties();
      c.putAll(extra);
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      reader = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
      List<TopicPartition> partitions =
          NotifierTopics.compactedTopicPartitions(reader, bootstrapServers, extra, topic, timeout);
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())
          && System.nanoTime() < deadline) {
        reader.poll(Duration.ofMillis(200)).forEach(r -> apply(book, r));
      }
      return;
    }
    reader.poll(Duration.ZERO).forEach(r -> apply(book, r));
  }

  private static void apply(SilenceBook book, ConsumerRecord<String, String> r) {
    if (r.value() == null) {
      book.remove(r.key());
      return;
    }
    try {
      book.put(Json.read(r.value(), Silence.class));
    } catch (RuntimeException e) {
      LOG.warn("Skipping unreadable silence {} at offset {}: {}", r.key(), r.offset(), e.getMessage());
    }
  }

  public void put(Silence silence) {
    send(silence.id(), Json.write(silence));
  }

  public void remove(String id) {
    send(id, null);
  }

  private void send(String key, String value) {
    Properties p = new Properties();
    p.putAll(extra);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not write silence " + key + " to " + topic, e);
    }
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close(Duration.ofSeconds(5));
    }
  }
}

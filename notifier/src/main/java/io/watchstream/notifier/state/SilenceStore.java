package io.watchstream.notifier.state;

import io.watchstream.notifier.engine.Silence;
import io.watchstream.notifier.engine.SilenceBook;
import io.watchstream.runtime.kafka.CompactedTopicReader;
import io.watchstream.schemas.TopicCatalogue;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
  private final Map<String, Object> clientConfig;
  private CompactedTopicReader<String, String> reader;

  public SilenceStore(String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
    this.topic = topic;
    this.clientConfig = CompactedTopics.clientConfig(bootstrapServers, extraClientConfig);
  }

  /**
   * Reads the whole topic into {@code book} (first call, creating the topic when it is missing) and afterwards
   * whatever arrived since. A first read that does not reach the end within {@code timeout} keeps what it read:
   * the rest arrives with the next polls.
   */
  public void poll(SilenceBook book, Duration timeout) {
    if (reader == null) {
      CompactedTopics.ensure(clientConfig, TopicCatalogue.SILENCES, topic);
      reader = CompactedTopics.reader(clientConfig, topic);
      try {
        reader.catchUp(timeout, (id, json) -> apply(book, id, json));
      } catch (IllegalStateException e) {
        LOG.warn("Silences topic {} not read to its end yet: {}", topic, e.getMessage());
      }
      return;
    }
    reader.pollNew(Duration.ZERO, (id, json) -> apply(book, id, json));
  }

  private static void apply(SilenceBook book, String id, String json) {
    if (json == null) {
      book.remove(id);
      return;
    }
    try {
      book.put(Json.read(json, Silence.class));
    } catch (RuntimeException e) {
      LOG.warn("Skipping unreadable silence {}: {}", id, e.getMessage());
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
    p.putAll(clientConfig);
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
      reader.close();
    }
  }
}

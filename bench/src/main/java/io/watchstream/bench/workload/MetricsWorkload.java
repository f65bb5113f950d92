package io.watchstream.bench.workload;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.schemas.TopicSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the throughput workload to the metrics topic: {@code periods} consecutive 60 s datapoints for each of
 * {@code series} series, period by period (as ingest would), record timestamp = datapoint timestamp. Records are
 * serialised once with the catalogue's Avro serdes (so the registry holds the subjects) and sent as bytes.
 */
public final class MetricsWorkload {

  /** What was written. */
  public record Written(long records, long bytes, long firstTimestamp, long lastTimestamp, double seconds) {}

  private MetricsWorkload() {
  }

  public static Written produce(String bootstrap, TopicSpec<MetricSeriesKey, MetricDatapoint> topic, int series,
                                int periods, long startMillis) {
    long began = System.nanoTime();
    long bytes = 0;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
      for (int p = 0; p < periods; p++) {
        long ts = startMillis + p * SyntheticSeries.PERIOD_SECONDS * 1000L;
        for (int s = 0; s < series; s++) {
          byte[] key = topic.keySerde().serializer().serialize(topic.name(), SyntheticSeries.key(s));
          byte[] value = topic.valueSerde().serializer().serialize(topic.name(),
              SyntheticSeries.datapoint(s, ts, SyntheticSeries.calmValue(s, p)));
          bytes += key.length + value.length;
          producer.send(new ProducerRecord<>(topic.name(), null, ts, key, value), (md, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing the workload failed", failure.get());
    }
    long last = startMillis + (periods - 1L) * SyntheticSeries.PERIOD_SECONDS * 1000L;
    return new Written((long) series * periods, bytes, startMillis, last, (System.nanoTime() - began) / 1e9);
  }

  static Map<String, Object> producerConfig(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
  }
}

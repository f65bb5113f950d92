package io.watchstream.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs a Kafka Streams topology on the real broker until its consumer group has committed the end offset of
 * every partition of one input topic, and reports how long its stream threads took to process all those records
 * from the moment the application reached RUNNING (start-up and the first rebalance are not counted, so a
 * pass-through and the processor are measured the same way). The application id must be fresh so the group
 * starts from the earliest offset.
 */
public final class StreamsRunner {

  /**
   * How long an application took to consume {@code records} records of the input topic, and how much CPU the
   * whole benchmark JVM (application, broker and clients) used meanwhile. On a shared machine the wall-clock rate
   * swings with other work; records per CPU-second does much less.
   */
  public record Consumed(long records, double seconds, double cpuSeconds) {
    public double perSecond() {
      return records / seconds;
    }

    public double perCpuSecond() {
      return records / cpuSeconds;
    }
  }

  private static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  private StreamsRunner() {
  }

  /** Properties every benchmarked application shares: exactly-once, one thread, its own state dir. */
  public static Properties baseProperties(String bootstrap, String applicationId, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    // The processor runs exactly_once_v2 in production; the baseline must pay the same transaction costs.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put("consumer.auto.offset.reset", "earliest");
    return p;
  }

  /** How an application under measurement starts ({@code KafkaStreams::start}, {@code ProcessorApp::start}). */
  @FunctionalInterface
  public interface Start {
    void start() throws Exception;
  }

  /** Starts {@code streams}, waits for RUNNING, then until the group has consumed all of {@code inputTopic}. */
  public static Consumed runUntilCaughtUp(KafkaStreams streams, String bootstrap, String applicationId,
                                         String inputTopic, Duration timeout) {
    return runUntilCaughtUp(streams, streams::start, bootstrap, applicationId, inputTopic, timeout);
  }

  /** The same for an application that owns {@code streams} and starts it with {@code start}. */
  public static Consumed runUntilCaughtUp(KafkaStreams streams, Start start, String bootstrap, String applicationId,
                                         String inputTopic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, Long> ends = endOffsets(admin, inputTopic);
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      start.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        failIfDead(streams, deadline, applicationId);
        sleep(10);
      }
      long began = System.nanoTime();
      double cpuBegan = processCpuSeconds();
      long processedAt = -1;
      double cpuAtProcessed = 0;
      long nextOffsetCheck = 0;
      while (true) {
        failIfDead(streams, deadline, applicationId);
        if (processedAt < 0 && processed(streams) >= total) {
          processedAt = System.nanoTime();
          cpuAtProcessed = processCpuSeconds();
        }
        if (System.nanoTime() >= nextOffsetCheck) {
          nextOffsetCheck = System.nanoTime() + 20_000_000L;
          Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
              .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
          boolean caughtUp = ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            // Under exactly-once the committed offset can sit one past the last record (the commit marker).
            return e.getValue() == 0 || (c != null && c.offset() >= e.getValue());
          });
          if (caughtUp) {
            long end = processedAt >= 0 ? processedAt : System.nanoTime();
            double cpu = (processedAt >= 0 ? cpuAtProcessed : processCpuSeconds()) - cpuBegan;
            return new Consumed(total, (end - began) / 1e9, cpu);
          }
        }
        sleep(2);
      }
    } catch (Exception e) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("measuring " + applicationId + " failed", e);
    }
  }

  /**
   * Records the application's stream threads have processed (Kafka Streams' {@code process-total}). The run is
   * timed to the moment this reaches the topic's record count, polled every few milliseconds, rather than to the
   * commit that follows: commits come every 100 ms, which on a run of about a second was ±10% of noise per figure.
   */
  static double processed(KafkaStreams streams) {
    double sum = 0;
    for (var e : streams.metrics().entrySet()) {
      if ("process-total".equals(e.getKey().name()) && "stream-thread-metrics".equals(e.getKey().group())
          && e.getValue().metricValue() instanceof Number n) {
        sum += n.doubleValue();
      }
    }
    return sum;
  }

  /** End offsets of every partition of a topic. */
  public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
        .get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int i = 0; i < partitions; i++) {
      request.put(new TopicPartition(topic, i), OffsetSpec.latest());
    }
    return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static void failIfDead(KafkaStreams streams, long deadline, String applicationId) {
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
        || state == KafkaStreams.State.PENDING_ERROR) {
      throw new IllegalStateException(applicationId + " stopped in state " + state);
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(applicationId + " did not catch up in time (state " + state + ")");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

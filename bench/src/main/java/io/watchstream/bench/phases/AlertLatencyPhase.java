package io.watchstream.bench.phases;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.HeapSampler;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.pipeline.Pipeline;
import io.watchstream.pipeline.PipelinePlan;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Alert latency: the time from a deciding datapoint landing on {@code metrics} (the broker's acknowledgement of
 * the write) to its alert landing on {@code alerts} (seen by a read_committed consumer, i.e. after the processor's
 * exactly-once commit). The processor runs the three benchmark rules; every sampled series first gets one calm
 * datapoint (its OK transition), then one datapoint of 95 % that decides OK → ALARM of {@code cpu-over-50} at
 * once (1 of 1, grace 0). Deciding datapoints are sent every 20 ms, a light steady load.
 */
public final class AlertLatencyPhase implements Phase {

  private static final String RULE = "cpu-over-50";

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public void run(BenchContext context) throws Exception {
    int n = context.settings().latencySamples();
    Topics topics = context.topics("lat.");
    PipelinePlan plan = PipelinePlan.topicsOnly(context.bootstrap(), topics, context.settings().partitions())
        .withProcessor(LiveProcessor.config(context, "bench-latency", context.dir("state-latency")),
            BenchRules.load(BenchRules.THREE_PER_SERIES));
    Instant calmPeriod = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
    Instant spikePeriod = calmPeriod.plus(1, ChronoUnit.MINUTES);

    Map<String, Long> landedAlarm = new ConcurrentHashMap<>();
    Map<String, Boolean> okSeen = new ConcurrentHashMap<>();
    AtomicReference<Exception> consumerFailure = new AtomicReference<>();
    Thread reader = new Thread(() -> readAlerts(context, topics, landedAlarm, okSeen, consumerFailure), "latency-alerts");
    reader.setDaemon(true);

    context.heap().beginPhase();
    try (Pipeline pipeline = Pipeline.start(plan);
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
             ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrap(),
             ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class,
             ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class,
             ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0))) {
      reader.start();
      awaitRunning(pipeline.processor().orElseThrow().streams());
      for (int s = 0; s < n; s++) {
        send(producer, topics, s, calmPeriod, 20.0, null);
      }
      producer.flush();
      await(() -> okSeen.size() >= n, Duration.ofMinutes(2), "OK transitions of the calm datapoints", consumerFailure);

      long[] landed = new long[n];
      for (int s = 0; s < n; s++) {
        int series = s;
        send(producer, topics, s, spikePeriod, 95.0, () -> landed[series] = System.nanoTime());
        Thread.sleep(20);
      }
      producer.flush();
      await(() -> landedAlarm.size() >= n, Duration.ofMinutes(2), "ALARM transitions", consumerFailure);
      HeapSampler.Peak heap = context.heap().endPhase();

      double[] millis = new double[n];
      for (int s = 0; s < n; s++) {
        millis[s] = (landedAlarm.get(seriesKey(s)) - landed[s]) / 1e6;
      }
      Arrays.sort(millis);
      String how = String.format(Locale.ROOT, "%d transitions, one every 20 ms, 3 rules/series, EOS v2, commit.interval 100 ms",
          n);
      context.table().add("alert latency p50 (metrics → alerts)", ms(percentile(millis, 50)), how);
      context.table().add("alert latency p99 (metrics → alerts)", ms(percentile(millis, 99)), how + "; target ≤ 250 ms");
      context.table().add("alert latency max (metrics → alerts)", ms(millis[n - 1]), how);
      context.table().add("peak heap: processor (latency run)", heap.describe(), "JVM heap incl. broker");
    } finally {
      reader.interrupt();
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, Topics topics, int series, Instant period, double value,
                           Runnable onLanded) {
    byte[] key = topics.metrics().keySerde().serializer().serialize(topics.metrics().name(), SyntheticSeries.key(series));
    byte[] val = topics.metrics().valueSerde().serializer().serialize(topics.metrics().name(),
        SyntheticSeries.datapoint(series, period.toEpochMilli(), value));
    producer.send(new ProducerRecord<>(topics.metrics().name(), null, period.toEpochMilli(), key, val), (md, e) -> {
      if (e == null && onLanded != null) {
        onLanded.run();
      }
    });
  }

  private static void readAlerts(BenchContext context, Topics topics, Map<String, Long> alarms, Map<String, Boolean> oks,
                                 AtomicReference<Exception> failure) {
    try (KafkaConsumer<AlertKey, AlertTransition> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-reader",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5),
        topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.alerts().name()));
      while (!Thread.currentThread().isInterrupted()) {
        var records = consumer.poll(Duration.ofMillis(10));
        long now = System.nanoTime();
        for (ConsumerRecord<AlertKey, AlertTransition> r : records) {
          if (!RULE.equals(r.value().getRuleId())) {
            continue;
          }
          if (r.value().getToState() == AlarmState.ALARM) {
            alarms.putIfAbsent(r.value().getSeriesKey(), now);
          } else if (r.value().getToState() == AlarmState.OK) {
            oks.put(r.value().getSeriesKey(), true);
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      // Phase over.
    } catch (Exception e) {
      failure.set(e);
    }
  }

  static String seriesKey(int series) {
    return SeriesKeys.canonical(SyntheticSeries.key(series));
  }

  static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("processor not RUNNING: " + streams.state());
      }
      Thread.sleep(20);
    }
  }

  static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what,
                    AtomicReference<Exception> failure) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (failure.get() != null) {
        throw new IllegalStateException("reading alerts failed", failure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.0f ms", millis);
  }

}

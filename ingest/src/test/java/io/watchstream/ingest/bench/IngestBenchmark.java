package io.watchstream.ingest.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.watchstream.ingest.IngestService;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.ingest.kafka.KafkaIngestSink;
import io.watchstream.ingest.kafka.IngestTopics;
import io.watchstream.ingest.metrics.BatchFetcher;
import io.watchstream.ingest.metrics.MetricDataFetcher;
import io.watchstream.ingest.metrics.MetricPoller;
import io.watchstream.ingest.metrics.QueryBatch;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.metrics.SeriesWatermark.Point;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.sandbox.ApicurioRegistry;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * The speed figures of issue 3, printed to stdout. Not a test: run it by hand (see ingest/BENCHMARK.md).
 *
 * <ol>
 *   <li><b>GetMetricData calls per poll for 10,000 series</b>, measured against moto_server: 5,000
 *       instances' CPUUtilization are put into moto, the real {@link IngestService} lists them
 *       (Average and Maximum: 10,000 series) and polls once; the AWS SDK's own call counter gives the
 *       number of GetMetricData calls.</li>
 *   <li><b>Datapoints per second from moto responses into Kafka</b>: one GetMetricData response is
 *       recorded from moto (50 series x 10 minutes), then replayed as the answer to every call of the
 *       real {@link MetricPoller} for 10,000 series with timestamps moved to each poll window. Measured:
 *       mapping responses to series, watermarks (new-or-changed), Avro encoding and transactional
 *       commits of datapoints plus checkpoints to the in-JVM broker. moto itself is far slower than
 *       that (it is single-threaded Python with an O(queries x periods x datapoints) GetMetricData),
 *       so its own rate is printed separately.</li>
 * </ol>
 */
public final class IngestBenchmark {

  private static final int INSTANCES = Integer.getInteger("bench.instances", 5_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

  public static void main(String[] args) throws Exception {
    try (MotoServer moto = MotoServer.start();
         EmbeddedKafka kafka = EmbeddedKafka.start();
         ApicurioRegistry registry = ApicurioRegistry.start()) {
      if (!Boolean.getBoolean("bench.skipCalls")) {
        callsPerPoll(moto, kafka, registry);
      }
      throughput(moto, kafka, registry);
    }
    System.exit(0);
  }

  private static CloudWatchClient cloudWatch(MotoServer moto) {
    return CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build();
  }

  private static IngestConfig config(MotoServer moto, EmbeddedKafka kafka, ApicurioRegistry registry, String prefix, String overlap) {
    return IngestConfigLoader.parse("""
        instanceId: bench-%s
        aws: {endpoint: "%s"}
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s"
          topics: {metrics: "%smetrics", logs: "%slogs", checkpoints: "%scheckpoints"}
        metrics:
          overlap: %s
          initialLookback: 10m
          selectors:
            - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: "*"}, statistics: [Average, Maximum]}
        http: {port: -1}
        """.formatted(prefix.replace(".", ""), moto.endpoint(), kafka.bootstrapServers(), registry.ccompatUrl(),
        prefix, prefix, prefix, overlap), Map.of());
  }

  private static void callsPerPoll(MotoServer moto, EmbeddedKafka kafka, ApicurioRegistry registry) {
    Instant old = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    long began = System.nanoTime();
    try (CloudWatchClient cw = cloudWatch(moto)) {
      for (int from = 0; from < INSTANCES; from += 1000) {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = from; i < Math.min(INSTANCES, from + 1000); i++) {
          data.add(MetricDatum.builder().metricName("CPUUtilization").timestamp(old).value(1.0)
              .dimensions(Dimension.builder().name("InstanceId").value(String.format("i-%08d", i)).build()).build());
        }
        cw.putMetricData(r -> r.namespace("AWS/EC2").metricData(data));
      }
    }
    System.out.printf(Locale.ROOT, "[bench] put %d metrics into moto in %.1f s%n", INSTANCES, (System.nanoTime() - began) / 1e9);

    try (IngestService service = new IngestService(config(moto, kafka, registry, "calls.", "10m"), Clock.systemUTC()).start()) {
      began = System.nanoTime();
      service.discover();
      double listed = (System.nanoTime() - began) / 1e9;
      double before = count(service, "GetMetricData");
      began = System.nanoTime();
      service.pollOnce();
      double polled = (System.nanoTime() - began) / 1e9;
      double calls = count(service, "GetMetricData") - before;
      int series = service.series().size();
      System.out.printf(Locale.ROOT, "[bench] series: %d (listed with %.0f ListMetrics calls in %.1f s)%n",
          series, count(service, "ListMetrics"), listed);
      System.out.printf(Locale.ROOT, "[bench] GetMetricData calls per poll: %.0f (%.0f queries per call; target <= 21), poll took %.1f s against moto%n",
          calls, series / calls, polled);
    }
  }

  private static double count(IngestService service, String operation) {
    Counter c = service.registry().find("watchstream.ingest.aws.calls").tags("operation", operation, "outcome", "ok").counter();
    return c == null ? 0 : c.count();
  }

  private static void throughput(MotoServer moto, EmbeddedKafka kafka, ApicurioRegistry registry) throws Exception {
    moto.reset();
    // In the past: brokers reject record timestamps more than an hour ahead (message.timestamp.after.max.ms).
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    List<SeriesId> recordedSeries = new ArrayList<>();
    try (CloudWatchClient cw = cloudWatch(moto)) {
      List<MetricDatum> data = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        recordedSeries.add(SeriesId.of("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "rec-" + i), "Average", 60));
        for (int m = 0; m < 10; m++) {
          data.add(MetricDatum.builder().metricName("CPUUtilization").timestamp(t0.plusSeconds(60L * m)).value(i + m * 0.5)
              .dimensions(Dimension.builder().name("InstanceId").value("rec-" + i).build()).build());
        }
      }
      for (int from = 0; from < data.size(); from += 500) {
        List<MetricDatum> part = data.subList(from, Math.min(data.size(), from + 500));
        cw.putMetricData(r -> r.namespace("AWS/EC2").metricData(part));
      }
      QueryBatch recordedBatch = new QueryBatch(recordedSeries);
      long began = System.nanoTime();
      GetMetricDataResponse recorded = cw.getMetricData(GetMetricDataRequest.builder().metricDataQueries(recordedBatch.queries())
          .startTime(t0).endTime(t0.plusSeconds(600)).scanBy(ScanBy.TIMESTAMP_ASCENDING).build());
      double motoSeconds = (System.nanoTime() - began) / 1e9;
      int recordedPoints = recorded.metricDataResults().stream().mapToInt(r -> r.values().size()).sum();
      System.out.printf(Locale.ROOT, "[bench] moto answered 50 queries x 10 minutes (%d datapoints) in %.2f s: %.0f datapoints/s from moto itself%n",
          recordedPoints, motoSeconds, recordedPoints / motoSeconds);
      if (recordedPoints != 500) {
        throw new IllegalStateException("recording from moto returned " + recordedPoints + " datapoints, expected 500");
      }

      IngestConfig config = config(moto, kafka, registry, "tput.", "5m");
      IngestTopics.ensure(config);
      Topics topics = new Topics(TopicNames.defaults().withOverrides(Map.of(
          "WATCHSTREAM_TOPIC_METRICS", config.kafka().topics().metrics(), "WATCHSTREAM_TOPIC_LOGS", config.kafka().topics().logs())),
          new HttpSchemaRegistryClient(registry.ccompatUrl()));
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      SettableClock clock = new SettableClock(t0.plus(Duration.ofMinutes(10)));
      List<SeriesId> series = IntStream.range(0, 10_000)
          .mapToObj(i -> SeriesId.of("AWS/EC2", "CPUUtilization", Map.of("InstanceId", String.format("i-%08d", i / 2)),
              i % 2 == 0 ? "Average" : "Maximum", 60))
          .toList();
      try (KafkaIngestSink sink = new KafkaIngestSink(config, topics)) {
        MetricPoller poller = new MetricPoller(replaying(recorded, t0), sink, config.metrics(), new IngestMetrics(meters, clock), clock);
        poller.poll(series); // warm-up: schema registration, connections, JIT
        double written0 = written(meters);
        long began2 = System.nanoTime();
        for (int r = 0; r < ROUNDS; r++) {
          clock.advance(Duration.ofMinutes(10));
          poller.poll(series);
        }
        double seconds = (System.nanoTime() - began2) / 1e9;
        double points = written(meters) - written0;
        System.out.printf(Locale.ROOT,
            "[bench] from moto responses into Kafka: %.0f datapoints in %.2f s = %.0f datapoints/s "
                + "(10,000 series, %d polls of 10 new minutes + 5 minutes overlap, one transaction per GetMetricData response; target >= 50,000/s)%n",
            points, seconds, points / seconds, ROUNDS);
        long inTopic = countCommitted(kafka, config.kafka().topics().metrics());
        System.out.printf(Locale.ROOT, "[bench] records in %s (read_committed): %d, datapoints counted as written: %.0f%n",
            config.kafka().topics().metrics(), inTopic, written(meters));
      }
    }
  }

  private static long countCommitted(EmbeddedKafka kafka, String topic) {
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("isolation.level", "read_committed");
    p.put("max.poll.records", "10000");
    long n = 0;
    try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      var parts = c.partitionsFor(topic).stream().map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      var end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        n += c.poll(Duration.ofMillis(500)).count();
      }
    }
    return n;
  }

  private static double written(SimpleMeterRegistry meters) {
    return meters.find("watchstream.ingest.datapoints").tag("source", "cloudwatch").counter().count();
  }

  /**
   * Answers every batch with the recorded moto response: result i of a batch is recorded result i mod 50,
   * with its ten minutes repeated across the window. A value depends only on its minute, so re-reading
   * the overlap yields unchanged values, as it would from CloudWatch.
   */
  private static BatchFetcher replaying(GetMetricDataResponse recorded, Instant recordedStart) {
    List<MetricDataResult> results = recorded.metricDataResults();
    return (batch, window) -> {
      List<MetricDataResult> out = new ArrayList<>(batch.size());
      long minutes = Duration.between(window.start(), window.end()).toMinutes();
      for (int i = 0; i < batch.size(); i++) {
        MetricDataResult src = results.get(i % results.size());
        List<Instant> ts = new ArrayList<>((int) minutes);
        List<Double> vs = new ArrayList<>((int) minutes);
        for (long m = 0; m < minutes; m++) {
          Instant t = window.start().plusSeconds(60 * m);
          long minuteOfRecording = Math.floorMod(Duration.between(recordedStart, t).toMinutes(), src.values().size());
          ts.add(t);
          vs.add(src.values().get((int) minuteOfRecording));
        }
        out.add(src.toBuilder().id(QueryBatch.queryId(i)).timestamps(ts).values(vs).build());
      }
      Map<SeriesId, List<Point>> points = new HashMap<>();
      MetricDataFetcher.collect(batch, GetMetricDataResponse.builder().metricDataResults(out).build(), points);
      return points;
    };
  }

  private static final class SettableClock extends Clock {
    private Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

}

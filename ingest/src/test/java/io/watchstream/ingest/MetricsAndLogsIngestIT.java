package io.watchstream.ingest;

import static io.watchstream.ingest.AwsFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.LogEvent;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest against the real parts: moto_server for CloudWatch and CloudWatch Logs, the in-JVM KRaft broker
 * and the Apicurio registry. A {@link MutableClock} drives the poll windows so every assertion is exact.
 */
class MetricsAndLogsIngestIT {

  private static final MotoServer moto = RealParts.moto();

  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  // "Now" for the service: a minute boundary shortly before the wall clock, so moto accepts every timestamp.
  private final Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
  private final MutableClock clock = new MutableClock(t0);
  private AwsFixtures aws;
  private TopicReader reader;
  private final java.util.List<IngestService> services = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    moto.reset();
    aws = new AwsFixtures(moto.endpoint());
    Topics topics = new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl()));
    reader = new TopicReader(RealParts.kafka().bootstrapServers(), topics);
  }

  @AfterEach
  void tearDown() {
    services.forEach(IngestService::close);
    aws.close();
  }

  private IngestConfig config(String instanceId, String selectors, String sources) {
    String yaml = """
        instanceId: %s
        aws: {endpoint: "%s", maxAttempts: 2}
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s"
          topics: {metrics: "%smetrics", logs: "%slogs", checkpoints: "%singest-checkpoints"}
          partitions: 3
        metrics:
          overlap: 5m
          initialLookback: 15m
          selectors:
        %s
        logs:
          initialLookback: 15m
          sources:
        %s
        http: {host: 127.0.0.1, port: 0}
        """.formatted(instanceId, moto.endpoint(), RealParts.kafka().bootstrapServers(), RealParts.registry().ccompatUrl(),
        prefix, prefix, prefix, selectors, sources);
    return IngestConfigLoader.parse(yaml, Map.of());
  }

  private IngestService startService(IngestConfig config) {
    IngestService s = new IngestService(config, clock).start();
    services.add(s);
    return s;
  }

  private static Instant minute(Instant base, int m) {
    return base.plus(Duration.ofMinutes(m));
  }

  @Test
  void cpuMemoryDiskAndUnhealthyHostsArriveDecodedOneRecordPerPeriodAndStatistic() throws Exception {
    for (int m = -10; m < 0; m++) {
      aws.cpu("i-0a1", minute(t0, m), 10 + m);
      aws.cpu("i-0b2", minute(t0, m), 50);
      aws.mem("i-0a1", minute(t0, m), 70.5);
      aws.disk("i-0a1", minute(t0, m), 91.25);
      aws.unhealthyHosts("targetgroup/web/6d0ecf831eec9f09", minute(t0, m), m == -1 ? 2 : 0);
    }
    // Two samples in one minute: Average and Maximum must differ.
    aws.cpu("i-0a1", minute(t0, -3).plusSeconds(30), 27);
    // Outside the 'i-*' selector and of another dimension set: must not be read.
    aws.put("AWS/EC2", "CPUUtilization", AwsFixtures.dims("AutoScalingGroupName", "web"), minute(t0, -2), 99,
        software.amazon.awssdk.services.cloudwatch.model.StandardUnit.PERCENT);

    IngestService service = startService(config("cw", """
            - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: "i-*"}, statistics: [Average, Maximum]}
            - {namespace: CWAgent, metricName: mem_used_percent, dimensions: {InstanceId: "*"}}
            - {namespace: CWAgent, metricName: disk_used_percent, dimensions: {InstanceId: "*", path: "*", device: "*", fstype: "*"}}
            - {namespace: AWS/ApplicationELB, metricName: UnHealthyHostCount, dimensions: {TargetGroup: "*", LoadBalancer: "*"}, statistics: [Maximum]}
        """, "    []"));
    service.discover();
    assertThat(service.series()).hasSize(7);
    service.pollOnce();

    List<TopicReader.Datapoint> points = reader.metricsSettled(70);
    Map<String, List<TopicReader.Datapoint>> bySeries = points.stream().collect(Collectors.groupingBy(TopicReader.Datapoint::series));
    assertThat(bySeries.keySet()).containsExactlyInAnyOrder(
        "AWS/EC2/CPUUtilization{InstanceId=i-0a1}/Average/60",
        "AWS/EC2/CPUUtilization{InstanceId=i-0a1}/Maximum/60",
        "AWS/EC2/CPUUtilization{InstanceId=i-0b2}/Average/60",
        "AWS/EC2/CPUUtilization{InstanceId=i-0b2}/Maximum/60",
        "CWAgent/mem_used_percent{InstanceId=i-0a1}/Average/60",
        "CWAgent/disk_used_percent{InstanceId=i-0a1,device=xvda1,fstype=xfs,path=/}/Average/60",
        "AWS/ApplicationELB/UnHealthyHostCount{LoadBalancer=app/web/50dc6c495c0c9188,TargetGroup=targetgroup/web/6d0ecf831eec9f09}/Maximum/60");
    assertThat(bySeries.values()).allSatisfy(list -> assertThat(list).hasSize(10));

    Map<Instant, Double> cpuAvg = values(bySeries.get("AWS/EC2/CPUUtilization{InstanceId=i-0a1}/Average/60"));
    Map<Instant, Double> cpuMax = values(bySeries.get("AWS/EC2/CPUUtilization{InstanceId=i-0a1}/Maximum/60"));
    assertThat(cpuAvg).containsEntry(minute(t0, -10), 0.0).containsEntry(minute(t0, -3), 17.0).containsEntry(minute(t0, -1), 9.0);
    assertThat(cpuMax).containsEntry(minute(t0, -3), 27.0);
    assertThat(values(bySeries.get("CWAgent/disk_used_percent{InstanceId=i-0a1,device=xvda1,fstype=xfs,path=/}/Average/60")))
        .containsEntry(minute(t0, -5), 91.25);
    assertThat(values(bySeries.get(
        "AWS/ApplicationELB/UnHealthyHostCount{LoadBalancer=app/web/50dc6c495c0c9188,TargetGroup=targetgroup/web/6d0ecf831eec9f09}/Maximum/60")))
        .containsEntry(minute(t0, -1), 2.0).containsEntry(minute(t0, -2), 0.0);

    TopicReader.Datapoint sample = bySeries.get("CWAgent/mem_used_percent{InstanceId=i-0a1}/Average/60").get(0);
    assertThat(sample.value().getValue()).isEqualTo(70.5);
    assertThat(sample.value().getSource()).isEqualTo("cloudwatch");
    assertThat(sample.value().getPeriodSeconds()).isEqualTo(60);
    // One series stays in one partition, in timestamp order.
    for (List<TopicReader.Datapoint> series : bySeries.values()) {
      assertThat(series.stream().map(TopicReader.Datapoint::partition).distinct()).hasSize(1);
      assertThat(series).extracting(d -> d.value().getTimestamp()).isSorted();
    }

    // Polling again with nothing new writes nothing.
    clock.advance(Duration.ofSeconds(30));
    service.pollOnce();
    assertThat(reader.metricsSettled(70)).hasSize(points.size());

    String prometheus = get(service, "/metrics");
    assertThat(prometheus).contains("watchstream_ingest_datapoints_total{source=\"cloudwatch\"} 70.0");
    assertThat(prometheus).containsPattern("watchstream_ingest_aws_calls_total\\{operation=\"GetMetricData\",outcome=\"ok\"} [1-9]");
    assertThat(prometheus).contains("watchstream_ingest_series 7.0");
    assertThat(prometheus).contains("watchstream_ingest_lag_seconds{kind=\"metrics\"}");
    assertThat(get(service, "/health")).contains("\"status\":\"UP\"");
  }

  @Test
  void secureLogLinesArriveOnceEachKeyedByGroupAndStream() {
    aws.logLines("/var/log/secure", "i-0a1", List.of(
        line(minute(t0, -4), "sshd[811]: Failed password for invalid user admin from 203.0.113.9 port 52144 ssh2"),
        line(minute(t0, -3), "sshd[811]: Accepted publickey for ec2-user from 198.51.100.7 port 50022 ssh2"),
        line(minute(t0, -2), "sudo: ec2-user : TTY=pts/0 ; PWD=/home/ec2-user ; USER=root ; COMMAND=/bin/su")));
    aws.logLines("/var/log/secure", "i-0b2", List.of(
        line(minute(t0, -2), "sshd[92]: Failed password for root from 203.0.113.9 port 40022 ssh2")));
    aws.logLines("/var/log/messages", "i-0a1", List.of(
        line(minute(t0, -2), "kernel: Out of memory: Killed process 4242 (java)"),
        line(minute(t0, -2), "systemd[1]: Started Session 7 of user ec2-user.")));

    IngestService service = startService(config("logs", "    []", """
            - {logGroup: /var/log/secure}
            - {logGroup: /var/log/messages, filterPattern: "?Killed ?panic"}
        """));
    service.pollOnce();

    List<LogEvent> events = reader.logsSettled(5);
    assertThat(events).extracting(LogEvent::getLogGroup, LogEvent::getLogStream, e -> e.getTimestamp())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("/var/log/secure", "i-0a1", minute(t0, -4)),
            org.assertj.core.groups.Tuple.tuple("/var/log/secure", "i-0a1", minute(t0, -3)),
            org.assertj.core.groups.Tuple.tuple("/var/log/secure", "i-0a1", minute(t0, -2)),
            org.assertj.core.groups.Tuple.tuple("/var/log/secure", "i-0b2", minute(t0, -2)),
            // moto treats ?term patterns as match-all; the client-side check drops the systemd line.
            org.assertj.core.groups.Tuple.tuple("/var/log/messages", "i-0a1", minute(t0, -2)));
    assertThat(events).filteredOn(e -> e.getLogGroup().equals("/var/log/messages"))
        .extracting(LogEvent::getMessage).containsExactly("kernel: Out of memory: Killed process 4242 (java)");
    assertThat(events).extracting(LogEvent::getEventId).doesNotHaveDuplicates();

    clock.advance(Duration.ofSeconds(10));
    service.pollOnce();
    assertThat(reader.logsSettled(5)).hasSize(5);
  }

  @Test
  void restartedInstanceResumesFromKafkaCheckpointsWithoutLossOrDuplicates() {
    String selectors = "    - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: \"*\"}}";
    String sources = "    - {logGroup: /var/log/secure, streamPrefix: i-}";
    for (int m = -10; m < 0; m++) {
      aws.cpu("i-0a1", minute(t0, m), 100 + m);
    }
    Instant last = minute(t0, -1);
    aws.logLines("/var/log/secure", "i-0a1", List.of(line(minute(t0, -5), "a1"), line(last, "a2")));
    aws.logLines("/var/log/secure", "web-1", List.of(line(minute(t0, -5), "not an instance stream")));

    IngestService first = startService(config("resume", selectors, sources));
    first.pollOnce();
    assertThat(reader.metricsSettled(10)).hasSize(10);
    assertThat(reader.logsSettled(2)).extracting(LogEvent::getMessage).containsExactlyInAnyOrder("a1", "a2");

    // While the first instance is gone: new periods, a corrected value inside the overlap, a late
    // datapoint inside the overlap, and another line at exactly the last checkpointed timestamp.
    for (int m = 0; m < 5; m++) {
      aws.cpu("i-0a1", minute(t0, m), 100 + m);
    }
    aws.cpu("i-0a1", minute(t0, -2), 200);   // moto averages: (98 + 200) / 2 = 149
    aws.cpu("i-0c3", minute(t0, -1), 5);     // a new instance, seen by the refresh of the new process
    aws.logLines("/var/log/secure", "i-0b2", List.of(line(last, "b-same-ms"), line(minute(t0, 3), "b2")));
    clock.advance(Duration.ofMinutes(5));

    // The "crashed" first instance is not closed: the new one with the same id fences it.
    IngestService second = startService(config("resume", selectors, sources));
    second.pollOnce();

    List<TopicReader.Datapoint> points = reader.metricsSettled(17);
    Map<String, List<TopicReader.Datapoint>> bySeries = points.stream().collect(Collectors.groupingBy(TopicReader.Datapoint::series));
    List<TopicReader.Datapoint> a1 = bySeries.get("AWS/EC2/CPUUtilization{InstanceId=i-0a1}/Average/60");
    // 15 periods once each, plus minute -2 again with its corrected value: nothing lost, nothing repeated.
    assertThat(a1).hasSize(16);
    assertThat(a1.stream().collect(Collectors.groupingBy(d -> d.value().getTimestamp(), Collectors.counting())))
        .hasSize(15)
        .allSatisfy((t, n) -> assertThat(n).isEqualTo(t.equals(minute(t0, -2)) ? 2L : 1L));
    assertThat(a1.get(a1.size() - 1).value().getTimestamp()).isEqualTo(minute(t0, 4));
    assertThat(a1).filteredOn(d -> d.value().getTimestamp().equals(minute(t0, -2)))
        .extracting(d -> d.value().getValue()).containsExactly(98.0, 149.0);
    assertThat(bySeries.get("AWS/EC2/CPUUtilization{InstanceId=i-0c3}/Average/60"))
        .extracting(d -> d.value().getValue()).containsExactly(5.0);

    assertThat(reader.logsSettled(4)).extracting(LogEvent::getMessage)
        .containsExactlyInAnyOrder("a1", "a2", "b-same-ms", "b2");
  }

  @Test
  void aTransactionLeftOpenByACrashedInstanceIsAbortedAndNeverRead() {
    String selectors = "    - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: \"*\"}}";
    IngestConfig config = config("crashed", selectors, "    []");
    for (int m = -10; m < 0; m++) {
      aws.cpu("i-0a1", minute(t0, m), m);
    }
    io.watchstream.ingest.kafka.IngestTopics.ensure(config);
    // The predecessor died inside a transaction: a datapoint and a checkpoint claiming a day of progress
    // were sent but never committed.
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", RealParts.kafka().bootstrapServers());
    p.put("transactional.id", io.watchstream.ingest.kafka.KafkaIngestSink.transactionalId(config));
    var crashed = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(p,
        new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    crashed.initTransactions();
    crashed.beginTransaction();
    crashed.send(new org.apache.kafka.clients.producer.ProducerRecord<>(config.kafka().topics().metrics(), "k".getBytes(), "not avro".getBytes()));
    long dayLater = t0.plus(Duration.ofDays(1)).toEpochMilli();
    crashed.send(new org.apache.kafka.clients.producer.ProducerRecord<>(config.kafka().topics().checkpoints(),
        "metric|AWS/EC2/CPUUtilization{InstanceId=i-0a1}/Average/60".getBytes(),
        io.watchstream.ingest.kafka.CheckpointCodec.encode(new io.watchstream.ingest.metrics.SeriesWatermark(dayLater, dayLater, new java.util.TreeMap<>()))));
    crashed.flush();

    IngestService successor = startService(config);
    successor.pollOnce();
    crashed.close(Duration.ZERO);

    // Had the open checkpoint been read, nothing would have been polled; had the record become visible, decoding would fail.
    assertThat(reader.metricsSettled(10)).extracting(d -> d.value().getValue())
        .containsExactly(-10.0, -9.0, -8.0, -7.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0);
  }

  @Test
  void backfillLoadsAHistoricalRangeMarkedAsBackfill() throws Exception {
    Instant from = io.watchstream.ingest.metrics.TimeWindow.alignDown(t0.minus(Duration.ofHours(3)), 300);
    for (int m = 0; m < 90; m += 15) {
      aws.unhealthyHosts("targetgroup/api/0f1e2d3c4b5a6978", from.plus(Duration.ofMinutes(m)), m / 15);
    }
    IngestService service = startService(config("backfill", """
            - {namespace: AWS/ApplicationELB, metricName: UnHealthyHostCount, dimensions: {TargetGroup: "*", LoadBalancer: "*"}, statistics: [Maximum], period: 300}
        """, "    []"));

    long written = service.backfill(from, from.plus(Duration.ofHours(2)));

    List<TopicReader.Datapoint> points = reader.metricsSettled(6);
    assertThat(written).isEqualTo(6);
    assertThat(points).extracting(d -> d.value().getSource()).containsOnly("backfill");
    assertThat(points).extracting(d -> d.value().getPeriodSeconds()).containsOnly(300);
    assertThat(values(points)).containsEntry(from, 0.0).containsEntry(from.plus(Duration.ofMinutes(75)), 5.0);
  }

  private static Map<Instant, Double> values(List<TopicReader.Datapoint> points) {
    return points.stream().collect(Collectors.toMap(d -> d.value().getTimestamp(), d -> d.value().getValue(), (a, b) -> b));
  }

  private static String get(IngestService service, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}

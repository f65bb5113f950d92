package io.watchstream.ingest;

import static io.watchstream.ingest.AwsFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.watchstream.avro.LogEvent;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running service reads CloudWatch and CloudWatch Logs through {@link FaultInjectingProxy}: for a stretch,
 * every answer is garbage, the wrong shape, throttling (Query and JSON protocol), 429, 500 or 503, while CloudWatch
 * keeps receiving data. Under the fault model this is a dependency being unavailable: /health says DEGRADED with
 * the reason, the loop never stops, nothing goes to a dead-letter topic, and once the answers are good again every
 * datapoint and every log line arrives exactly once.
 */
class AwsFaultsIT {

  private static final List<String> INSTANCES = List.of("i-0a1", "i-0b2", "i-0c3");

  private MotoServer moto;
  private FaultInjectingProxy proxy;
  private IngestService service;
  private ExecutorService loop;
  private final String prefix = "awsfaults-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @BeforeEach
  void start() {
    moto = MotoServer.start();
    proxy = new FaultInjectingProxy(moto.endpoint());
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (loop != null) {
      loop.shutdownNow();
    }
    proxy.close();
    moto.close();
  }

  @Test
  void garbageThrottlingAnd5xxAreWaitedOutAndEveryDatapointAndLineArrivesExactlyOnce() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    publish(base, -8, -4);

    service = new IngestService(IngestConfigLoader.parse("""
        instanceId: awsfaults
        aws: {endpoint: "%s", maxAttempts: 2, apiCallTimeout: 5s}
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s"
          topics: {metrics: "%smetrics", logs: "%slogs", checkpoints: "%scheckpoints"}
          partitions: 2
        metrics:
          pollInterval: 1s
          refreshInterval: 2s
          overlap: 10m
          selectors:
            - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: "*"}}
        logs:
          pollInterval: 1s
          initialLookback: 15m
          sources:
            - {logGroup: /var/log/secure}
        http: {host: 127.0.0.1, port: 0}
        """.formatted(proxy.endpoint(), RealParts.kafka().bootstrapServers(), RealParts.registry().ccompatUrl(),
        prefix, prefix, prefix), Map.of()), Clock.systemUTC()).start();
    loop = Executors.newSingleThreadExecutor();
    Future<?> running = loop.submit(service::runUntilStopped);
    Topics topics = new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl()));
    TopicReader reader = new TopicReader(RealParts.kafka().bootstrapServers(), topics);
    await().atMost(Duration.ofSeconds(60)).until(() -> reader.metrics().size() == 15 && reader.logs().size() == 5);

    proxy.inject(true);
    // CloudWatch keeps receiving data while ingest cannot read it.
    publish(base, -3, -1);
    List<String> degraded = new ArrayList<>();
    List<Double> seriesSeen = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      seriesSeen.add(service.registry().find("watchstream.ingest.series").gauge().value());
      String body = health().body();
      if (body.contains("\"status\":\"DEGRADED\"")) {
        degraded.add(body);
      }
      return proxy.served().values().stream().allMatch(n -> n >= 2)
          && gauge("metrics") >= 2 && gauge("logs") >= 2 && !degraded.isEmpty();
    });
    assertThat(health().statusCode()).as("an AWS outage is not cured by a restart").isEqualTo(200);
    assertThat(degraded).anyMatch(b -> b.contains("metrics cycle failed")).anyMatch(b -> b.contains("logs cycle failed"));
    assertThat(running).isNotDone();
    assertThat(seriesSeen).as("an answer of the wrong shape never empties the series list").containsOnly(3.0);
    proxy.inject(false);

    int expectedPoints = INSTANCES.size() * 8;
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> reader.metrics().size() >= expectedPoints && reader.logs().size() >= 8);
    List<TopicReader.Datapoint> points = reader.metricsSettled(expectedPoints);
    Set<String> distinct = new HashSet<>();
    points.forEach(p -> distinct.add(p.series() + "@" + p.value().getTimestamp()));
    assertThat(distinct).as("each datapoint exactly once").hasSize(expectedPoints);
    for (String instance : INSTANCES) {
      assertThat(points.stream().filter(p -> p.series().contains(instance)).map(p -> p.value().getTimestamp()))
          .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(-8, -1).mapToObj(m -> base.plus(Duration.ofMinutes(m))).toList());
    }
    assertThat(reader.logsSettled(8)).extracting(e -> e.getMessage().toString())
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(-8, -1).mapToObj(m -> "line " + m).toList());
    assertThat(reader.readAll(TopicNames.deadLetter(topics.metrics().name()))).as("an outage is never a dead letter").isEmpty();
    assertThat(reader.readAll(TopicNames.deadLetter(topics.logs().name()))).isEmpty();
    await().atMost(Duration.ofSeconds(60)).until(() -> health().body().contains("\"status\":\"UP\""));
    assertThat(counter("watchstream.ingest.cycles", "kind", "metrics", "outcome", "failed")).isGreaterThanOrEqualTo(2);
    assertThat(counter("watchstream.ingest.cycles", "kind", "logs", "outcome", "failed")).isGreaterThanOrEqualTo(2);
    assertThat(running).as("the poll loop never stopped").isNotDone();
    System.out.printf("[AwsFaultsIT] faults served %s, requests passed through %d, %d datapoints and %d lines, each once%n",
        proxy.served(), proxy.passedThrough(), points.size(), 8);
  }

  /** CPU datapoints of every instance for minutes [from, to], and one log line per minute. */
  private void publish(Instant base, int from, int to) {
    try (AwsFixtures aws = new AwsFixtures(moto.endpoint())) {
      for (int m = from; m <= to; m++) {
        for (int i = 0; i < INSTANCES.size(); i++) {
          aws.cpu(INSTANCES.get(i), base.plus(Duration.ofMinutes(m)), 100 + m + i * 0.25);
        }
      }
      aws.logLines("/var/log/secure", "i-0a1", IntStream.rangeClosed(from, to)
          .mapToObj(m -> line(base.plus(Duration.ofMinutes(m)), "line " + m)).toList());
    }
  }

  private double gauge(String kind) {
    Gauge g = service.registry().find("watchstream.ingest.cycle.consecutive.failures").tags("kind", kind).gauge();
    return g == null ? 0 : g.value();
  }

  private double counter(String name, String... tags) {
    Counter c = service.registry().find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private HttpResponse<String> health() throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

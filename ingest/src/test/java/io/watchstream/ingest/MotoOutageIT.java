package io.watchstream.ingest;

import static io.watchstream.ingest.AwsFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running service (its own poll loop on the wall clock) loses its AWS endpoint for a while: cycles
 * fail, are counted and retried with backoff, /health says DEGRADED with the reason, and when the endpoint returns the
 * datapoints and log lines published during the outage are written, each exactly once.
 * Uses its own moto_server because it stops it (moto comes back empty, so the test publishes again).
 */
class MotoOutageIT {

  private MotoServer moto;
  private IngestService service;
  private ExecutorService loop;
  private final String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @BeforeEach
  void startMoto() {
    moto = MotoServer.start();
  }

  @AfterEach
  void stopEverything() {
    if (service != null) {
      service.close();
    }
    if (loop != null) {
      loop.shutdownNow();
    }
    moto.close();
  }

  @Test
  void gapIsFilledWhenCloudWatchComesBack() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    publish(base, -8, -4);

    service = new IngestService(IngestConfigLoader.parse("""
        instanceId: outage
        aws: {endpoint: "%s", maxAttempts: 2, apiCallTimeout: 5s}
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s"
          topics: {metrics: "%smetrics", logs: "%slogs", checkpoints: "%scheckpoints"}
          partitions: 2
        metrics:
          pollInterval: 1s
          overlap: 10m
          selectors:
            - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: "*"}}
        logs:
          pollInterval: 1s
          initialLookback: 15m
          sources:
            - {logGroup: /var/log/secure}
        http: {host: 127.0.0.1, port: 0}
        """.formatted(moto.endpoint(), RealParts.kafka().bootstrapServers(), RealParts.registry().ccompatUrl(),
        prefix, prefix, prefix), Map.of()), Clock.systemUTC()).start();
    loop = Executors.newSingleThreadExecutor();
    Future<?> running = loop.submit(service::runUntilStopped);
    TopicReader reader = new TopicReader(RealParts.kafka().bootstrapServers(),
        new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl())));

    assertThat(reader.metricsSettled(5)).extracting(d -> d.value().getValue()).containsExactly(92.0, 93.0, 94.0, 95.0, 96.0);
    assertThat(reader.logsSettled(5)).hasSize(5);

    moto.stop();
    // An outage is waited out: health stays 200 but says DEGRADED, naming the failing duty and its error.
    await().atMost(Duration.ofSeconds(60)).until(() -> health().body().contains("\"status\":\"DEGRADED\"")
        && health().body().contains("metrics cycle failed")
        && counter("watchstream.ingest.cycles", "kind", "metrics", "outcome", "failed") >= 3
        && counter("watchstream.ingest.aws.errors", "operation", "GetMetricData", "type", "IO") >= 3
        && counter("watchstream.ingest.aws.retries", "operation", "GetMetricData") >= 3);
    assertThat(counter("watchstream.ingest.cycles", "kind", "metrics", "outcome", "failed")).isGreaterThanOrEqualTo(3);
    assertThat(counter("watchstream.ingest.aws.errors", "operation", "GetMetricData", "type", "IO")).isGreaterThanOrEqualTo(3);
    assertThat(counter("watchstream.ingest.aws.retries", "operation", "GetMetricData")).isGreaterThanOrEqualTo(3);
    assertThat(running).isNotDone();
    assertThat(health().statusCode()).isEqualTo(200);
    assertThat(service.registry().find("watchstream.ingest.cycle.consecutive.failures").tags("kind", "metrics").gauge().value())
        .isGreaterThanOrEqualTo(3);

    moto.startAgain();
    // CloudWatch kept what it had and received more while we could not reach it.
    publish(base, -8, -1);

    List<TopicReader.Datapoint> points = reader.metricsSettled(8);
    assertThat(points).extracting(d -> d.value().getTimestamp())
        .containsExactlyElementsOf(IntStream.rangeClosed(-8, -1).mapToObj(m -> base.plus(Duration.ofMinutes(m))).toList());
    assertThat(reader.logsSettled(8)).extracting(LogEvent::getMessage)
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(-8, -1).mapToObj(m -> "line " + m).toList());
    await().atMost(Duration.ofSeconds(30)).until(() -> health().statusCode() == 200);
    assertThat(health().body()).contains("\"status\":\"UP\"");
  }

  /** CPU datapoints for minutes [from, to] and, for the minutes after what moto already has, log lines. */
  private void publish(Instant base, int from, int to) {
    try (AwsFixtures aws = new AwsFixtures(moto.endpoint())) {
      for (int m = from; m <= to; m++) {
        aws.cpu("i-0a1", base.plus(Duration.ofMinutes(m)), 100 + m);
      }
      int firstLine = from == -8 && to == -4 ? -8 : -3;
      aws.logLines("/var/log/secure", "i-0a1", IntStream.rangeClosed(firstLine, to)
          .mapToObj(m -> line(base.plus(Duration.ofMinutes(m)), "line " + m)).toList());
    }
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

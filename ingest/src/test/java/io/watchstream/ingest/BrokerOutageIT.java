package io.watchstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away while the service runs: transactions fail and are aborted (or the producer is
 * replaced), watermarks stay where the last commit left them, and once the broker is back the datapoints
 * published meanwhile are written exactly once. Uses its own broker because it stops it.
 */
class BrokerOutageIT {

  private final MotoServer moto = RealParts.moto();
  private EmbeddedKafka kafka;
  private IngestService service;
  private ExecutorService loop;
  private final String prefix = "broker-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @BeforeEach
  void start() {
    moto.reset();
    kafka = EmbeddedKafka.start();
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (loop != null) {
      loop.shutdownNow();
    }
    kafka.close();
  }

  @Test
  void datapointsPublishedWhileTheBrokerIsDownAreWrittenOnceItIsBack() {
    Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    try (AwsFixtures aws = new AwsFixtures(moto.endpoint())) {
      for (int m = -6; m <= -4; m++) {
        aws.cpu("i-0a1", base.plus(Duration.ofMinutes(m)), 100 + m);
      }
    }
    service = new IngestService(IngestConfigLoader.parse("""
        instanceId: broker-outage
        aws: {endpoint: "%s", maxAttempts: 2}
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s"
          topics: {metrics: "%smetrics", logs: "%slogs", checkpoints: "%scheckpoints"}
          partitions: 2
          # Fail fast while the broker is away instead of blocking a minute per call.
          producer: {max.block.ms: "4000", request.timeout.ms: "2000", delivery.timeout.ms: "5000", transaction.timeout.ms: "10000"}
        metrics:
          pollInterval: 1s
          selectors:
            - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: "*"}}
        http: {port: -1}
        """.formatted(moto.endpoint(), kafka.bootstrapServers(), RealParts.registry().ccompatUrl(), prefix, prefix, prefix),
        Map.of()), Clock.systemUTC()).start();
    loop = Executors.newSingleThreadExecutor();
    loop.submit(service::runUntilStopped);
    TopicReader reader = new TopicReader(kafka.bootstrapServers(),
        new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl())));
    reader.metricsSettled(3);

    kafka.stop();
    try (AwsFixtures aws = new AwsFixtures(moto.endpoint())) {
      for (int m = -3; m <= -1; m++) {
        aws.cpu("i-0a1", base.plus(Duration.ofMinutes(m)), 100 + m);
      }
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> failedMetricCycles() >= 2);
    kafka.startAgain();

    assertThat(reader.metricsSettled(6)).extracting(d -> d.value().getTimestamp())
        .containsExactlyElementsOf(IntStream.rangeClosed(-6, -1).mapToObj(m -> base.plus(Duration.ofMinutes(m))).toList());
  }

  private double failedMetricCycles() {
    Counter c = service.registry().find("watchstream.ingest.cycles").tags("kind", "metrics", "outcome", "failed").counter();
    return c == null ? 0 : c.count();
  }
}

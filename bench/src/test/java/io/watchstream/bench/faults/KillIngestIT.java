package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.bench.workload.MotoMetrics;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * kill -9 of ingest (a child JVM) while datapoints keep arriving in CloudWatch (moto), then a restart: the
 * checkpoints in Kafka must make it resume with every datapoint on {@code metrics} exactly once.
 */
class KillIngestIT {

  private static final int SERIES = 8;
  private static final int MINUTES = 20;

  @Test
  void aKilledIngestResumesWithoutGapOrDuplicate() throws Exception {
    long seed = System.nanoTime();
    int killAt = 4 + new Random(seed).nextInt(MINUTES - 8);
    String prefix = "killingest-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    String bootstrap = RealParts.kafka().bootstrapServers();
    String registryUrl = RealParts.registry().ccompatUrl();
    Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(MINUTES + 5L, ChronoUnit.MINUTES);
    Path log = Files.createTempFile("kill9-ingest", ".log");
    try (MotoServer moto = MotoServer.start(); CloudWatchClient cw = MotoMetrics.client(moto)) {
      String[] args = {bootstrap, registryUrl, moto.endpoint().toString(), prefix};
      // One minute of history exists before ingest starts, so it lists the series.
      putMinute(cw, first, 0);
      ChildJvm ingest = ChildJvm.start(IngestChild.class, log, args);
      ingest.awaitLine("STARTED", Duration.ofMinutes(2));
      ChildJvm restarted = null;
      for (int minute = 1; minute < MINUTES; minute++) {
        putMinute(cw, first, minute);
        await().pollDelay(Duration.ofMillis(700)).until(() -> true);
        if (minute == killAt) {
          ingest.killNine();
          restarted = ChildJvm.start(IngestChild.class, log, args);
        }
      }
      try (ChildJvm running = restarted) {
        await().atMost(Duration.ofMinutes(2)).until(() -> MetricsLedger.read(bootstrap, registryUrl, prefix).size() == SERIES * MINUTES);
        await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
      }
      Map<String, Long> ledger = MetricsLedger.read(bootstrap, registryUrl, prefix);
      long duplicated = ledger.values().stream().filter(c -> c > 1).count();
      long missing = (long) SERIES * MINUTES - ledger.size();
      FaultReport.record("kill -9 ingest", "SIGKILL after minute " + killAt + " of " + MINUTES + " (seed " + seed + "), restart",
          SERIES * MINUTES + " datapoints, each once", MotoOutageIT.total(ledger) + " datapoints: " + missing + " missing, "
              + duplicated + " duplicated", missing == 0 && duplicated == 0);
      assertThat(ledger).hasSize(SERIES * MINUTES);
      assertThat(ledger.values()).containsOnly(1L);
    }
  }

  private static void putMinute(CloudWatchClient cw, Instant first, int minute) {
    Instant at = first.plus(minute, ChronoUnit.MINUTES);
    List<MetricDatum> data = java.util.stream.IntStream.range(0, SERIES).mapToObj(s -> MetricDatum.builder()
        .metricName(SyntheticSeries.METRIC)
        .dimensions(Dimension.builder().name("InstanceId").value(SyntheticSeries.instanceId(s)).build())
        .timestamp(at).value(SyntheticSeries.calmValue(s, minute)).build()).toList();
    cw.putMetricData(r -> r.namespace(SyntheticSeries.NAMESPACE).metricData(data));
  }
}

package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.bench.workload.MotoMetrics;
import io.watchstream.ingest.IngestService;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.testkit.RealParts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * CloudWatch (moto) unreachable for a while in the middle of ingest's polling: when it returns, with the earlier
 * datapoints and the ones that "arrived" during the outage, {@code metrics} must hold every datapoint exactly once.
 * moto loses its state when stopped, so the test puts the whole history back at once (as CloudWatch would still
 * have it). The outage lasts {@code -Dfaults.motoOutageSeconds} (60 s by default, as the fault plan names it).
 */
class MotoOutageIT {

  private static final int SERIES = 10;

  @Test
  void noDatapointIsMissingOrDuplicatedAfterACloudWatchOutage() throws Exception {
    int outageSeconds = Integer.getInteger("faults.motoOutageSeconds", 60);
    String prefix = "motooutage-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    String bootstrap = RealParts.kafka().bootstrapServers();
    String registryUrl = RealParts.registry().ccompatUrl();
    Instant lastBefore = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(8, ChronoUnit.MINUTES);
    Instant lastAfter = lastBefore.plus(5, ChronoUnit.MINUTES);
    try (MotoServer moto = MotoServer.start()) {
      try (CloudWatchClient cw = MotoMetrics.client(moto)) {
        MotoMetrics.put(cw, SERIES, 5, lastBefore);
      }
      IngestService ingest = new IngestService(IngestConfigs.of("motooutage", bootstrap, registryUrl,
          moto.endpoint().toString(), prefix), Clock.systemUTC()).start();
      Thread loop = new Thread(ingest::runUntilStopped, "ingest-loop");
      loop.start();
      try {
        await().atMost(Duration.ofMinutes(2)).until(() -> total(MetricsLedger.read(bootstrap, registryUrl, prefix)) == SERIES * 5);
        moto.stop();
        await().pollDelay(Duration.ofSeconds(outageSeconds)).atMost(Duration.ofSeconds(outageSeconds + 5)).until(() -> true);
        moto.startAgain();
        try (CloudWatchClient cw = MotoMetrics.client(moto)) {
          MotoMetrics.put(cw, SERIES, 10, lastAfter);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> MetricsLedger.read(bootstrap, registryUrl, prefix).size() == SERIES * 10);
        // A few more poll cycles: a repeated datapoint would show up now.
        await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
      } finally {
        ingest.close();
        loop.join(30_000);
      }
      Map<String, Long> ledger = MetricsLedger.read(bootstrap, registryUrl, prefix);
      long duplicated = ledger.values().stream().filter(c -> c > 1).count();
      long missing = SERIES * 10L - ledger.size();
      boolean ok = missing == 0 && duplicated == 0;
      FaultReport.record("moto (CloudWatch) outage", "moto down " + outageSeconds + " s during 1 s polling",
          SERIES * 10 + " datapoints, each once", total(ledger) + " datapoints: " + missing + " missing, " + duplicated
              + " duplicated", ok);
      assertThat(ledger).hasSize(SERIES * 10);
      assertThat(ledger.values()).containsOnly(1L);
    }
  }

  static long total(Map<String, Long> ledger) {
    return ledger.values().stream().mapToLong(Long::longValue).sum();
  }
}

package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.peer.PrometheusPeer;
import io.watchstream.bench.peer.SyntheticCpuExporter;
import io.watchstream.sandbox.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Detection latency against a peer, in the same run: one CPU spike (20 % → 95 %) injected at the same instant
 * into the exporter Prometheus scrapes and into watchstream's metrics topic, then the time until each one's
 * first request reaches the Slack stand-in's incoming-webhook path ({@code /webhook/prometheus},
 * {@code /webhook/watchstream}). Prometheus is started in {@link #prepare} so it has scraped the calm value for a
 * while before the spike, as a running deployment would have.
 *
 * <p>Both sides run at their defaults. For Prometheus that means scrape and evaluation every 60 s and a 30 s
 * group_wait, so one sample lands anywhere between about 30 s and 150 s depending on where the spike falls in
 * the scrape cycle; the detail column says so. Watchstream's figure starts when the datapoint lands on
 * {@code metrics}: in production the datapoint first has to reach CloudWatch and be polled by ingest (default
 * poll interval 60 s), which the detail also states.
 */
public final class PeerLatencyPhase implements Phase {

  static final String INSTANCE = "i-peer0000000001";
  private static final Duration WAIT = Duration.ofMinutes(4);

  private final Optional<WatchstreamPipeline> watchstream;
  private SyntheticCpuExporter exporter;
  private PrometheusPeer prometheus;

  public PeerLatencyPhase(Optional<WatchstreamPipeline> watchstream) {
    this.watchstream = watchstream;
  }

  @Override
  public String name() {
    return "peer";
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    exporter = new SyntheticCpuExporter(INSTANCE, 20.0);
    prometheus = PrometheusPeer.start(context.dir("prometheus"), exporter.target(),
        context.slack().webhookUrl("prometheus"));
    System.out.println("[bench] Prometheus and Alertmanager up (default intervals), scraping " + exporter.target());
    if (watchstream.isPresent()) {
      watchstream.get().start(context);
      System.out.println("[bench] watchstream processor and notifier up (defaults) on the peer.* topics");
    }
  }

  @Override
  public void run(BenchContext context) throws Exception {
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (prometheus.lastScrapedValue().isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Prometheus never scraped the exporter");
        }
        Thread.sleep(200);
      }
      Instant spike = Instant.now();
      exporter.set(95.0);
      if (watchstream.isPresent()) {
        watchstream.get().injectSpike(context, INSTANCE, 95.0);
      }
      Optional<Duration> ours = watchstream.isPresent()
          ? firstWebhook(context, "/webhook/watchstream", spike, Duration.ofMinutes(2)) : Optional.empty();
      Optional<Duration> theirs = firstWebhook(context, "/webhook/prometheus", spike, WAIT);
      context.table().add("detection latency: watchstream (spike → Slack)",
          ours.map(PeerLatencyPhase::seconds).orElse(watchstream.isPresent() ? "no alert" : "not measured"),
          watchstream.isPresent() ? "datapoint on metrics → processor → alerts → notifier (defaults: group wait 10 s) → webhook; "
              + "in production add CloudWatch's delay and ingest's 60 s poll" : "processor or notifier service not available");
      context.table().add("detection latency: Prometheus 2.42 + Alertmanager 0.25",
          theirs.map(PeerLatencyPhase::seconds).orElse("no alert in " + WAIT.toSeconds() + " s"),
          "defaults: scrape 1m, eval 1m, group_wait 30s → one sample in ~30–150 s; rule bench_cpu_utilization > 50");
    } finally {
      if (watchstream.isPresent()) {
        watchstream.get().close();
      }
      prometheus.close();
      exporter.close();
    }
  }

  private static Optional<Duration> firstWebhook(BenchContext context, String path, Instant since, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      List<RecordedRequest> requests = context.slack().requests(path);
      Optional<RecordedRequest> first = requests.stream().filter(r -> !r.receivedAt().isBefore(since)).findFirst();
      if (first.isPresent()) {
        return Optional.of(Duration.between(since, first.get().receivedAt()));
      }
      Thread.sleep(50);
    }
    return Optional.empty();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
  }
}

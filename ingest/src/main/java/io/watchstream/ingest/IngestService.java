package io.watchstream.ingest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.watchstream.runtime.ops.JvmMeters;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.kafka.KafkaIngestSink.FatalSinkException;
import io.watchstream.ingest.metrics.MetricBackfill;
import io.watchstream.ingest.metrics.MetricCatalog;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.ops.CostEstimate;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.runtime.ops.HealthReport;
import io.watchstream.runtime.ops.OpsServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: CloudWatch metrics (ListMetrics + GetMetricData) and CloudWatch Logs
 * (FilterLogEvents) into the {@code metrics} and {@code logs} topics, with watermarks and log checkpoints
 * in a compacted topic written in the same transactions as the data.
 *
 * <p>One loop thread runs three duties on their own schedules: refreshing the series list, polling
 * metrics and polling logs. A duty that fails is rescheduled after a jittered exponential backoff and
 * retried from its last committed checkpoint, so a failed cycle is never skipped; the loop stops only on
 * {@link #stop()} or when the producer has been fenced by another instance with the same id.
 *
 * <p>Fault model: AWS or Kafka unavailable, throttling, an answer that cannot be parsed — any failure of a cycle —
 * is waited out with capped backoff for as long as it lasts, resuming from the checkpoint with nothing lost or
 * repeated, while {@code /health} says DEGRADED with the duty and the last error. A record that cannot be written
 * as it is (see {@link io.watchstream.ingest.kafka.RecordChecks}) is set aside to a {@code .dlq} topic in the same
 * transaction, so no record can stop the loop.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);

  private final IngestConfig config;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmMeters jvm = JvmMeters.bindTo(registry);
  private final IngestMetrics meters;
  private final StopSignal stop = new StopSignal();
  private volatile Thread loopThread;
  private boolean closed;

  private IngestParts parts;
  private OpsServer http;
  private volatile SeriesRefresh seriesRefresh;
  private volatile String fatal;
  private final Duty refresh;
  private final Duty metrics;
  private final Duty logs;

  public IngestService(IngestConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.meters = new IngestMetrics(registry, clock);
    this.refresh = new Duty("refresh", clock);
    this.metrics = new Duty("metrics", clock);
    this.logs = new Duty("logs", clock);
    for (Duty d : List.of(refresh, metrics, logs)) {
      d.register(registry);
    }
  }

  /** Connects everything and restores checkpoints ({@link IngestParts}); does not poll yet. */
  public IngestService start() {
    parts = IngestParts.connect(config, clock, registry, meters);
    seriesRefresh = new SeriesRefresh(config.metrics(), parts.catalog(), parts.metricPoller(), meters, refresh);
    if (config.http().port() >= 0) {
      http = IngestHealth.serve(config.http(), this::health, registry::scrape);
    }
    return this;
  }

  /** Lists series once (retrying until it works or stop is requested) and returns the cost estimate. */
  public CostEstimate discover() {
    while (!stop.requested()) {
      try {
        MetricCatalog.Listing listing = seriesRefresh.refresh();
        CostEstimate estimate = CostEstimate.of(config, listing.series().size(), listing.pages());
        log.info("{}", estimate.describe());
        return estimate;
      } catch (RuntimeException e) {
        Duration wait = refresh.failed(e);
        stop.sleep(wait);
      }
    }
    return CostEstimate.of(config, 0, 0);
  }

  /** Polls until {@link #stop()}. Returns normally on stop; throws if the producer was fenced. */
  public void runUntilStopped() {
    loopThread = Thread.currentThread();
    try {
      if (refresh.nextDue() == null) {
        discover();
      }
      while (!stop.requested()) {
        Instant now = clock.instant();
        refresh.runIfDue(now, seriesRefresh::refresh, config.metrics().refreshInterval(), meters);
        List<SeriesId> series = seriesRefresh.current();
        if (!series.isEmpty()) {
          metrics.runIfDue(now, () -> parts.metricPoller().poll(series), config.metrics().pollInterval(), meters);
        }
        logs.runIfDue(now, () -> parts.logPoller().poll(), config.logs().pollInterval(), meters);
        Instant next = Duty.earliest(refresh.nextDue(), seriesRefresh.current().isEmpty() ? null : metrics.nextDue(),
            config.logs().sources().isEmpty() ? null : logs.nextDue());
        stop.sleep(next == null ? Duration.ofSeconds(1) : Duration.between(clock.instant(), next));
      }
    } catch (FatalSinkException e) {
      fatal = e.getMessage();
      throw e;
    } finally {
      stop.loopEnded();
    }
  }

  /** Runs one metrics and one logs cycle now (refreshing series first if never done); for tests and tools. */
  public void pollOnce() {
    if (refresh.nextDue() == null) {
      seriesRefresh.refresh();
    }
    if (!series().isEmpty()) {
      parts.metricPoller().poll(series());
    }
    parts.logPoller().poll();
  }

  /** Backfills [from, to) for the currently listed series, then returns the datapoints written. */
  public long backfill(Instant from, Instant to) throws InterruptedException {
    if (refresh.nextDue() == null) {
      discover();
    }
    return new MetricBackfill(parts.fetcher(), parts.sink(), config, meters).run(series(), from, to, parts.restored());
  }

  /** What {@code /health} says ({@link IngestHealth}). */
  public HealthReport health() {
    return IngestHealth.report(refresh, metrics, logs, fatal, series().size());
  }

  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public List<SeriesId> series() {
    SeriesRefresh s = seriesRefresh;
    return s == null ? List.of() : s.current();
  }

  public void stop() {
    stop.request();
  }

  /** Stops the loop (waiting for the current cycle to finish) and closes clients and the producer. Idempotent. */
  @Override
  public synchronized void close() {
    stop();
    if (closed) {
      return;
    }
    closed = true;
    if (loopThread != null && loopThread != Thread.currentThread()) {
      stop.awaitLoopEnd(Duration.ofSeconds(30));
    }
    if (http != null) {
      http.close();
    }
    if (parts != null) {
      parts.close();
    }
    jvm.close();
  }
}

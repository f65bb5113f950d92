package io.watchstream.ingest;

import com.google.common.util.concurrent.RateLimiter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.kafka.CheckpointStore;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.kafka.KafkaIngestSink;
import io.watchstream.ingest.kafka.KafkaIngestSink.FatalSinkException;
import io.watchstream.ingest.kafka.TopicBootstrap;
import io.watchstream.ingest.logs.FilterLogEventsSource;
import io.watchstream.ingest.logs.LogEventSource;
import io.watchstream.ingest.logs.LogPoller;
import io.watchstream.ingest.metrics.MetricBackfill;
import io.watchstream.ingest.metrics.MetricCatalog;
import io.watchstream.ingest.metrics.MetricDataFetcher;
import io.watchstream.ingest.metrics.MetricPoller;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.metrics.ShardFilter;
import io.watchstream.ingest.ops.AwsSdkMetricsPublisher;
import io.watchstream.ingest.ops.CostEstimate;
import io.watchstream.ingest.ops.HealthServer;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.ingest.retry.CycleBackoff;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * as it is (see {@link io.watchstream.ingest.kafka.RecordBounds}) is set aside to a {@code .dlq} topic in the same
 * transaction, so no record can stop the loop.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);

  private final IngestConfig config;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final IngestMetrics meters;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile Thread loopThread;
  private boolean closed;

  private AwsClients aws;
  private IngestSink sink;
  private HealthServer http;
  private MetricCatalog catalog;
  private MetricPoller metricPoller;
  private LogPoller logPoller;
  private MetricDataFetcher fetcher;
  private Map<String, byte[]> restored = Map.of();
  private volatile List<SeriesId> series = List.of();
  private volatile String fatal;
  private final Duty refresh = new Duty("refresh");
  private final Duty metrics = new Duty("metrics");
  private final Duty logs = new Duty("logs");

  public IngestService(IngestConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.meters = new IngestMetrics(registry, clock);
    for (Duty d : List.of(refresh, metrics, logs)) {
      io.micrometer.core.instrument.Gauge.builder("watchstream.ingest.cycle.consecutive.failures", d, Duty::consecutiveFailures)
          .description("Failed cycles in a row (0 = healthy): the duty is waiting for AWS or Kafka and retrying")
          .tag("kind", d.name).register(registry);
    }
  }

  /** Connects everything and restores checkpoints; does not poll yet. */
  public IngestService start() {
    if (config.kafka().createTopics()) {
      TopicBootstrap.ensureTopics(config);
    }
    Topics topics = new Topics(io.watchstream.schemas.TopicNames.defaults().withOverrides(Map.of(
        "WATCHSTREAM_TOPIC_METRICS", config.kafka().topics().metrics(),
        "WATCHSTREAM_TOPIC_LOGS", config.kafka().topics().logs(),
        "WATCHSTREAM_TOPIC_INGEST_CHECKPOINTS", config.kafka().topics().checkpoints())),
        new HttpSchemaRegistryClient(config.kafka().schemaRegistryUrl()));
    // registered now (waiting while the registry is away), so a running ingest never needs the registry to write
    Topics.registerForWriting(List.of(topics.metrics(), topics.logs()));
    aws = new AwsClients(config.aws(), new AwsSdkMetricsPublisher(registry));
    // initTransactions first: it aborts whatever a previous incarnation left open, so the checkpoint read
    // below sees only committed progress.
    sink = new KafkaIngestSink(config, topics, clock, meters);
    restored = new CheckpointStore(config.kafka().bootstrapServers(), config.kafka().topics().checkpoints())
        .loadAll(Duration.ofSeconds(60));
    ShardFilter shard = new ShardFilter(config.shard().index(), config.shard().count());
    fetcher = new MetricDataFetcher(aws.cloudWatch());
    catalog = new MetricCatalog(aws.cloudWatch(), config.metrics().selectors(), shard);
    metricPoller = new MetricPoller(fetcher, sink, config.metrics(), meters, clock);
    metricPoller.restore(restored);
    RateLimiter filterLogEventsQuota = RateLimiter.create(config.logs().requestsPerSecond());
    List<LogEventSource> sources = new ArrayList<>();
    for (IngestConfig.LogSource s : config.logs().sources()) {
      if (shard.owns(s.id())) {
        sources.add(new FilterLogEventsSource(aws.logs(), s, config.logs(), filterLogEventsQuota));
      }
    }
    logPoller = new LogPoller(sources, sink, meters, clock);
    logPoller.restore(restored);
    if (config.http().port() >= 0) {
      try {
        http = new HealthServer(config.http().host(), config.http().port(), registry, this::health);
        log.info("health on http://{}:{}/health, Prometheus metrics on /metrics", config.http().host(), http.port());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the health/metrics port " + config.http().port(), e);
      }
    }
    return this;
  }

  /** Lists series once (retrying until it works or stop is requested) and returns the cost estimate. */
  public CostEstimate discover() {
    while (!stopRequested) {
      try {
        MetricCatalog.Listing listing = refreshSeries();
        CostEstimate estimate = CostEstimate.of(config, listing.series().size(), listing.pages());
        log.info("{}", estimate.describe());
        return estimate;
      } catch (RuntimeException e) {
        Duration wait = refresh.failed(e);
        sleep(wait);
      }
    }
    return CostEstimate.of(config, 0, 0);
  }

  private MetricCatalog.Listing refreshSeries() {
    if (config.metrics().selectors().isEmpty()) {
      return new MetricCatalog.Listing(List.of(), 0);
    }
    MetricCatalog.Listing listing = catalog.list();
    if (listing.series().isEmpty() && !series.isEmpty()) {
      // CloudWatch lists a metric for two weeks after its last datapoint, so every series vanishing at once is an
      // answer of the wrong shape (a proxy's page the SDK read as an empty list), not news: keep polling them.
      log.warn("ListMetrics returned no series where {} were listed before; keeping the previous list", series.size());
      refresh.succeeded(config.metrics().refreshInterval());
      return new MetricCatalog.Listing(series, listing.pages());
    }
    series = listing.series();
    metricPoller.retainOnly(series);
    meters.seriesPolled(series.size());
    refresh.succeeded(config.metrics().refreshInterval());
    return listing;
  }

  /** Polls until {@link #stop()}. Returns normally on stop; throws if the producer was fenced. */
  public void runUntilStopped() {
    loopThread = Thread.currentThread();
    try {
      if (refresh.nextDue == null) {
        discover();
      }
      while (!stopRequested) {
        Instant now = clock.instant();
        runIfDue(refresh, now, () -> refreshSeries(), config.metrics().refreshInterval());
        if (!series.isEmpty()) {
          runIfDue(metrics, now, () -> metricPoller.poll(series), config.metrics().pollInterval());
        }
        runIfDue(logs, now, () -> logPoller.poll(), config.logs().pollInterval());
        Instant next = earliest(refresh.nextDue, series.isEmpty() ? null : metrics.nextDue,
            config.logs().sources().isEmpty() ? null : logs.nextDue);
        sleep(next == null ? Duration.ofSeconds(1) : Duration.between(clock.instant(), next));
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Runs one metrics and one logs cycle now (refreshing series first if never done); for tests and tools. */
  public void pollOnce() {
    if (refresh.nextDue == null) {
      refreshSeries();
    }
    if (!series.isEmpty()) {
      metricPoller.poll(series);
    }
    logPoller.poll();
  }

  /** Backfills [from, to) for the currently listed series, then returns the datapoints written. */
  public long backfill(Instant from, Instant to) throws InterruptedException {
    if (refresh.nextDue == null) {
      discover();
    }
    return new MetricBackfill(fetcher, sink, config, meters).run(series, from, to, restored);
  }

  private void runIfDue(Duty duty, Instant now, Runnable work, Duration interval) {
    if (duty.nextDue != null && now.isBefore(duty.nextDue)) {
      return;
    }
    try {
      work.run();
      duty.succeeded(interval);
      meters.cycle(duty.name, true);
    } catch (FatalSinkException e) {
      fatal = e.getMessage();
      throw e;
    } catch (RuntimeException e) {
      meters.cycle(duty.name, false);
      duty.failed(e);
    }
  }

  /** The error and its first cause, cut short: AWS and Kafka messages may be long, and /health is one line. */
  private static String describe(Throwable e) {
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      text += " (" + cause.getClass().getSimpleName() + ")";
    }
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static Instant earliest(Instant... candidates) {
    Instant best = null;
    for (Instant c : candidates) {
      if (c != null && (best == null || c.isBefore(best))) {
        best = c;
      }
    }
    return best;
  }

  private void sleep(Duration d) {
    if (d.isNegative() || d.isZero() || stopRequested) {
      return;
    }
    try {
      // Waiting on the latch lets stop() cut the sleep short.
      stopped.await(Math.min(d.toMillis(), 1000), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested = true;
    }
  }

  /**
   * UP; DEGRADED (still 200: a restart would not bring AWS or Kafka back) while any duty is failing and retrying,
   * with the duty and its last error; DOWN (503) once the loop has stopped for good (fenced by another instance).
   */
  public HealthServer.Health health() {
    List<String> reasons = new ArrayList<>();
    for (Duty d : List.of(refresh, metrics, logs)) {
      String r = d.reason();
      if (r != null) {
        reasons.add(r);
      }
    }
    String status = fatal != null ? "DOWN" : reasons.isEmpty() ? "UP" : "DEGRADED";
    String reason = fatal != null ? "stopped: " + fatal : String.join("; ", reasons);
    String json = String.format(Locale.ROOT,
        "{\"status\":\"%s\",%s\"series\":%d,\"failingCycles\":{\"refresh\":%d,\"metrics\":%d,\"logs\":%d}}",
        status, reason.isEmpty() ? "" : "\"reason\":\"" + jsonText(reason) + "\",", series.size(),
        refresh.consecutiveFailures(), metrics.consecutiveFailures(), logs.consecutiveFailures());
    return new HealthServer.Health(fatal == null, json);
  }

  private static String jsonText(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c < 0x20 || c == 0x7f ? '?' : c);
      }
    }
    return out.toString();
  }

  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public List<SeriesId> series() {
    return series;
  }

  public void stop() {
    stopRequested = true;
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
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (http != null) {
      http.close();
    }
    if (sink != null) {
      sink.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  /** One scheduled duty with its own backoff; a failure reschedules it sooner than its interval, never later. */
  private final class Duty {
    final String name;
    final CycleBackoff backoff = new CycleBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    volatile Instant nextDue;
    private volatile String lastError;

    Duty(String name) {
      this.name = name;
    }

    void succeeded(Duration interval) {
      backoff.onSuccess();
      nextDue = clock.instant().plus(interval);
    }

    Duration failed(RuntimeException e) {
      Duration wait = backoff.onFailure();
      nextDue = clock.instant().plus(wait);
      lastError = describe(e);
      log.warn("{} cycle failed (attempt {}), retrying in {} ms: {}", name, backoff.consecutiveFailures(), wait.toMillis(), e.toString());
      return wait;
    }

    int consecutiveFailures() {
      return backoff.consecutiveFailures();
    }

    /** Null while healthy; otherwise what it waits for, for /health. */
    String reason() {
      int failures = backoff.consecutiveFailures();
      String error = lastError;
      return failures == 0 || error == null ? null
          : name + " cycle failed " + failures + " time(s) in a row, retrying: " + error;
    }
  }
}

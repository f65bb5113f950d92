package io.watchstream.cli.replay;

import com.google.common.util.concurrent.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.watchstream.ingest.AwsClients;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.LogsConfig;
import io.watchstream.ingest.config.LogSource;
import io.watchstream.ingest.config.AwsConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.ingest.logs.FilterLogEventsSource;
import io.watchstream.ingest.logs.LogEventSource;
import io.watchstream.ingest.logs.LogPoller;
import io.watchstream.ingest.metrics.MetricBackfill;
import io.watchstream.ingest.metrics.MetricCatalog;
import io.watchstream.ingest.metrics.MetricDataFetcher;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.metrics.ShardFilter;
import io.watchstream.ingest.ops.AwsSdkMetricsPublisher;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.replay.ReplayInputException;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.replay.ReplayRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Replay input backfilled from CloudWatch through the ingest service's own code, into memory instead of
 * Kafka: the metrics matched by the ingest configuration's selectors are listed ({@link MetricCatalog}:
 * ListMetrics, wildcards, de-duplication) and read over [from, to) by {@link MetricBackfill}
 * (GetMetricData batched per period, aligned chunks, {@code backfill.maxCallsPerSecond}); the configured
 * log groups are read by ingest's {@link FilterLogEventsSource} through {@link LogPoller}. The records are
 * exactly the {@code MetricDatapoint}s ({@code source = "backfill"}) and {@code LogEvent}s ingest would have
 * written; they go to an {@link InMemoryIngestSink} and nothing is sent to Kafka.
 *
 * <p>Unlike the service, a replay reads every series and log group of the file: {@code shard} is ignored,
 * as are the {@code kafka} and {@code http} sections. A failed AWS call (after the SDK's retries, up to
 * {@code aws.maxAttempts}) ends the replay with a {@link ReplayInputException}, where the service would
 * keep retrying; so does a range in which CloudWatch holds no data for the configuration.
 */
public final class CloudWatchBackfillSource implements ReplayRequest.Input {

  /** Consecutive failed GetMetricData calls after which the replay gives up (ingest itself never does). */
  static final int MAX_FAILED_CALLS = 3;

  private final IngestConfig config;
  private final Path configFile;
  private final Instant from;
  private final Instant to;

  public CloudWatchBackfillSource(IngestConfig config, Path configFile, Instant from, Instant to) {
    this.config = config;
    this.configFile = configFile;
    this.from = from;
    this.to = to;
  }

  /**
   * Loads the ingest configuration as {@code watchstream ingest} does (environment overrides included,
   * {@code ConfigException} on a bad file) and points it at {@code endpointUrl} when one is given.
   */
  public static CloudWatchBackfillSource load(Path configFile, Map<String, String> env, String endpointUrl, Instant from, Instant to) {
    IngestConfig c = IngestConfigLoader.load(configFile, env);
    if (endpointUrl != null && !endpointUrl.isBlank()) {
      AwsConfig aws = new AwsConfig(c.aws().region(), endpointUrl, c.aws().maxAttempts(), c.aws().apiCallTimeout());
      c = new IngestConfig(c.instanceId(), aws, c.kafka(), c.metrics(), c.logs(), c.backfill(), c.http(), c.shard(), c.cost());
    }
    return new CloudWatchBackfillSource(c, configFile, from, to);
  }

  @Override
  public Instant horizon() {
    return to;
  }

  @Override
  public String describe() {
    return "cloudwatch [" + from + ", " + to + ") selected by " + configFile + " at " + where();
  }

  private String where() {
    String endpoint = config.aws().endpoint();
    return endpoint == null || endpoint.isBlank() ? "AWS " + config.aws().region() : endpoint;
  }

  @Override
  public List<ReplayRecord> read() {
    if (!from.isBefore(to)) {
      throw new ReplayInputException("--from " + from + " must be before --to " + to);
    }
    InMemoryIngestSink sink = new InMemoryIngestSink(from, to);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    IngestMetrics meters = new IngestMetrics(registry, Clock.systemUTC());
    List<SeriesId> series = List.of();
    try (AwsClients aws = new AwsClients(config.aws(), new AwsSdkMetricsPublisher(registry))) {
      if (!config.metrics().selectors().isEmpty()) {
        series = call("ListMetrics", () -> new MetricCatalog(aws.cloudWatch(), config.metrics().selectors(), ShardFilter.ALL).list().series());
        if (!series.isEmpty()) {
          backfillMetrics(new MetricDataFetcher(aws.cloudWatch()), sink, meters, series);
        }
      }
      if (!config.logs().sources().isEmpty()) {
        call("FilterLogEvents", () -> {
          backfillLogs(aws, sink, meters);
          return null;
        });
      }
    }
    if (sink.datapoints() == 0 && sink.logEvents() == 0) {
      List<String> why = new ArrayList<>();
      if (!config.metrics().selectors().isEmpty()) {
        why.add(series.isEmpty()
            ? "its " + config.metrics().selectors().size() + " metric selector(s) match no metric (ListMetrics)"
            : "the " + series.size() + " series its selectors match have no datapoints in the range (CloudWatch keeps 1-minute"
                + " periods for 15 days, 5-minute for 63 days, 1-hour for 15 months: an older range needs a selector"
                + " period of 300 or 3600)");
      }
      if (!config.logs().sources().isEmpty()) {
        why.add("its " + config.logs().sources().size() + " log group(s) have no events in the range");
      }
      throw new ReplayInputException("no data in CloudWatch at " + where() + " for " + configFile + " in [" + from + ", " + to
          + "): " + String.join("; ", why));
    }
    return sink.records();
  }

  private void backfillMetrics(MetricDataFetcher fetcher, InMemoryIngestSink sink, IngestMetrics meters, List<SeriesId> series) {
    try {
      // a replay says what is wrong rather than retrying forever as the ingest service does
      new MetricBackfill(fetcher, sink, config, meters, MAX_FAILED_CALLS).run(series, from, to, Map.of());
    } catch (MetricBackfill.GaveUpException e) {
      throw new ReplayInputException("GetMetricData at " + where() + " failed " + e.attempts()
          + " times in a row (each after the SDK's retries): " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayInputException("interrupted while reading CloudWatch at " + where(), e);
    }
  }

  /**
   * One FilterLogEvents read per log group over the whole range: ingest's log source reads from its
   * checkpoint to "now", so a poller whose clock stands at {@code to}, with a lookback reaching back to
   * {@code from} and no overlap, reads exactly [from, to] (the sink drops {@code to} itself).
   */
  private void backfillLogs(AwsClients aws, InMemoryIngestSink sink, IngestMetrics meters) {
    LogsConfig logs = config.logs();
    LogsConfig range = new LogsConfig(logs.pollInterval(), Duration.ZERO, Duration.between(from, to),
        logs.requestsPerSecond(), logs.pageLimit(), logs.sources());
    RateLimiter filterLogEventsQuota = RateLimiter.create(logs.requestsPerSecond());
    List<LogEventSource> sources = new ArrayList<>();
    for (LogSource s : logs.sources()) {
      sources.add(new FilterLogEventsSource(aws.logs(), s, range, filterLogEventsQuota));
    }
    new LogPoller(sources, sink, meters, Clock.fixed(to, ZoneOffset.UTC)).poll();
  }

  private <T> T call(String operation, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (SdkException e) {
      throw new ReplayInputException(operation + " at " + where() + " failed: " + e.getMessage(), e);
    }
  }
}

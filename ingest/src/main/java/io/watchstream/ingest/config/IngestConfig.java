package io.watchstream.ingest.config;

import io.watchstream.schemas.FilterTerms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the ingest service is configured with, loaded once at start-up by {@link IngestConfigLoader}
 * from a YAML (or JSON) file plus environment overrides. Every default lives in the compact constructors
 * below, so this file is the one place to read what an omitted setting means.
 */
public record IngestConfig(
    String instanceId,
    Aws aws,
    Kafka kafka,
    Metrics metrics,
    Logs logs,
    Backfill backfill,
    Http http,
    Shard shard,
    Cost cost,
    Bounds bounds) {

  /** Without {@code bounds}: the defaults. */
  public IngestConfig(String instanceId, Aws aws, Kafka kafka, Metrics metrics, Logs logs, Backfill backfill, Http http,
      Shard shard, Cost cost) {
    this(instanceId, aws, kafka, metrics, logs, backfill, http, shard, cost, null);
  }

  public IngestConfig {
    instanceId = instanceId == null || instanceId.isBlank() ? "ingest-0" : instanceId;
    aws = aws == null ? new Aws(null, null, null, null) : aws;
    kafka = kafka == null ? new Kafka(null, null, null, null, null, null, null) : kafka;
    metrics = metrics == null ? new Metrics(null, null, null, null, null, null) : metrics;
    logs = logs == null ? new Logs(null, null, null, null, null, null) : logs;
    backfill = backfill == null ? new Backfill(null, null) : backfill;
    http = http == null ? new Http(null, null) : http;
    shard = shard == null ? new Shard(null, null) : shard;
    cost = cost == null ? new Cost(null, null, null) : cost;
    bounds = bounds == null ? new Bounds(null, null, null) : bounds;
  }

  /**
   * What a record may look like before ingest writes it; anything else is set aside to {@code metrics.dlq} /
   * {@code logs.dlq} in the same transaction. {@code maxFutureSkew} is CloudWatch's own limit for PutMetricData
   * (2 h ahead), the one the processor enforces too; {@code maxPastAge} is CloudWatch's retention (15 months);
   * {@code maxRecordBytes} stays under the producer's and the broker's default limit of about 1 MiB, since a
   * CloudWatch Logs event may be up to 1 MB.
   */
  public record Bounds(Duration maxFutureSkew, Duration maxPastAge, Integer maxRecordBytes) {
    public Bounds {
      maxFutureSkew = maxFutureSkew == null ? Duration.ofHours(2) : maxFutureSkew;
      maxPastAge = maxPastAge == null ? Duration.ofDays(455) : maxPastAge;
      maxRecordBytes = maxRecordBytes == null ? 1_000_000 : maxRecordBytes;
    }
  }

  /**
   * AWS access. {@code endpoint} is only set for moto or another stand-in; credentials come from the
   * SDK's default provider chain and are never part of this file.
   */
  public record Aws(String region, String endpoint, Integer maxAttempts, Duration apiCallTimeout) {
    public Aws {
      region = region == null ? "us-east-1" : region;
      // Retries with exponential backoff and full jitter are the SDK's; this caps the attempts per call.
      maxAttempts = maxAttempts == null ? 4 : maxAttempts;
      apiCallTimeout = apiCallTimeout == null ? Duration.ofSeconds(60) : apiCallTimeout;
    }
  }

  /** Broker, registry and topic names. {@code producer} passes extra settings to the Kafka producer. */
  public record Kafka(
      String bootstrapServers,
      String schemaRegistryUrl,
      Topics topics,
      Integer partitions,
      Short replicationFactor,
      Boolean createTopics,
      Map<String, String> producer) {
    public Kafka {
      bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
      schemaRegistryUrl = schemaRegistryUrl == null ? "http://localhost:8080/apis/ccompat/v7" : schemaRegistryUrl;
      topics = topics == null ? new Topics(null, null, null) : topics;
      partitions = partitions == null ? 6 : partitions;
      replicationFactor = replicationFactor == null ? 1 : replicationFactor;
      createTopics = createTopics == null ? Boolean.TRUE : createTopics;
      producer = producer == null ? Map.of() : copy(producer);
    }
  }

  /** Topic names; the checkpoint topic is compacted and holds watermarks and log checkpoints. */
  public record Topics(String metrics, String logs, String checkpoints) {
    public Topics {
      metrics = metrics == null ? "metrics" : metrics;
      logs = logs == null ? "logs" : logs;
      checkpoints = checkpoints == null ? "ingest-checkpoints" : checkpoints;
    }
  }

  /**
   * Metric polling. {@code overlap} is how far back each poll re-reads (CloudWatch data arrives minutes
   * late); it is also the bound on lateness: a datapoint arriving later than that is not picked up.
   */
  public record Metrics(
      Duration pollInterval,
      Duration overlap,
      Duration initialLookback,
      Duration refreshInterval,
      Integer maxQueriesPerCall,
      List<MetricSelector> selectors) {
    public Metrics {
      pollInterval = pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
      overlap = overlap == null ? Duration.ofMinutes(10) : overlap;
      initialLookback = initialLookback == null ? Duration.ofMinutes(15) : initialLookback;
      refreshInterval = refreshInterval == null ? Duration.ofMinutes(15) : refreshInterval;
      // 500 is GetMetricData's limit of queries per call.
      maxQueriesPerCall = maxQueriesPerCall == null ? 500 : maxQueriesPerCall;
      selectors = selectors == null ? List.of() : copy(selectors);
    }
  }

  /**
   * One metric selector, expanded into concrete series with ListMetrics. {@code dimensions} maps a
   * dimension name to a value pattern ({@code *} and {@code ?} wildcards); a metric matches when it has
   * exactly these dimension names (or at least them, with {@code allowOtherDimensions}).
   */
  public record MetricSelector(
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      List<String> statistics,
      Integer period,
      Boolean highResolution,
      Boolean allowOtherDimensions,
      String unit) {
    public MetricSelector {
      dimensions = dimensions == null ? Map.of() : copy(dimensions);
      statistics = statistics == null ? List.of("Average") : copy(statistics);
      period = period == null ? 60 : period;
      highResolution = highResolution == null ? Boolean.FALSE : highResolution;
      allowOtherDimensions = allowOtherDimensions == null ? Boolean.FALSE : allowOtherDimensions;
    }

    /** Short human-readable form for messages. */
    public String describe() {
      return namespace + "/" + metricName + dimensions + statistics + "@" + period + "s";
    }
  }

  /**
   * Log polling with FilterLogEvents. All groups share one rate limiter of {@code requestsPerSecond}
   * (the account-wide FilterLogEvents quota is 5 per second). {@code overlap} re-reads that much before
   * the last event timestamp to catch events ingested late; 0 means exactly "after the last timestamp,
   * minus the event ids already seen at it".
   */
  public record Logs(
      Duration pollInterval,
      Duration overlap,
      Duration initialLookback,
      Double requestsPerSecond,
      Integer pageLimit,
      List<LogSource> sources) {
    public Logs {
      pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
      overlap = overlap == null ? Duration.ZERO : overlap;
      initialLookback = initialLookback == null ? Duration.ofMinutes(5) : initialLookback;
      requestsPerSecond = requestsPerSecond == null ? 5.0 : requestsPerSecond;
      pageLimit = pageLimit == null ? 10_000 : pageLimit;
      sources = sources == null ? List.of() : copy(sources);
    }
  }

  /** One log group to read, optionally narrowed by a stream name prefix and a filter pattern. */
  public record LogSource(String logGroup, String streamPrefix, String filterPattern) {
    /** Stable identity of this source, used as its checkpoint key. */
    public String id() {
      return logGroup + "|" + Objects.toString(streamPrefix, "") + "|" + Objects.toString(filterPattern, "");
    }

    /**
     * The terms ingest checks again on what FilterLogEvents returns, for stand-ins that do only part of the filtering
     * (moto treats {@code ?term} and {@code -term} as match-all): those of a term pattern. JSON ({@code {...}}) and
     * space-delimited ({@code [...]}) patterns are left to CloudWatch. An unterminated phrase is an
     * IllegalArgumentException.
     */
    public FilterTerms clientSideTerms() {
      String p = filterPattern == null ? "" : filterPattern.trim();
      return p.startsWith("{") || p.startsWith("[") ? FilterTerms.MATCH_ALL : FilterTerms.parse(p);
    }
  }

  /** Backfill ({@code --from/--to}) reads history at no more than {@code maxCallsPerSecond} GetMetricData calls. */
  public record Backfill(Double maxCallsPerSecond, Duration chunk) {
    public Backfill {
      maxCallsPerSecond = maxCallsPerSecond == null ? 2.0 : maxCallsPerSecond;
      chunk = chunk == null ? Duration.ofHours(3) : chunk;
    }
  }

  /** The /health and /metrics endpoint; port 0 picks a free port, a negative port disables it. */
  public record Http(String host, Integer port) {
    public Http {
      host = host == null ? "0.0.0.0" : host;
      port = port == null ? 9464 : port;
    }
  }

  /** This instance's share of the series and log sources: those whose stable hash modulo {@code count} is {@code index}. */
  public record Shard(Integer index, Integer count) {
    public Shard {
      index = index == null ? 0 : index;
      count = count == null ? 1 : count;
    }
  }

  /**
   * CloudWatch list prices in US dollars used for the start-up cost estimate (us-east-1 at the time of
   * writing: GetMetricData is billed per metric requested, other calls per request). Override if yours differ.
   */
  public record Cost(Double perThousandMetricsRequested, Double perThousandListMetricsRequests, Double perThousandLogsRequests) {
    public Cost {
      perThousandMetricsRequested = perThousandMetricsRequested == null ? 0.01 : perThousandMetricsRequested;
      perThousandListMetricsRequests = perThousandListMetricsRequests == null ? 0.01 : perThousandListMetricsRequests;
      perThousandLogsRequests = perThousandLogsRequests == null ? 0.0 : perThousandLogsRequests;
    }
  }

  // Unmodifiable copies that keep null entries, so the validator can report "- " or "InstanceId:" with
  // no value as a readable problem instead of a NullPointerException from List.copyOf.
  private static <T> List<T> copy(List<T> list) {
    return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
  }

  private static <K, V> Map<K, V> copy(Map<K, V> map) {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
  }
}

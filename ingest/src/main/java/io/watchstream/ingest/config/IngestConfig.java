package io.watchstream.ingest.config;

/**
 * Everything the ingest service is configured with, loaded once at start-up by {@link IngestConfigLoader}
 * from a YAML (or JSON) file plus environment overrides. Every default lives in the compact constructors
 * of the section records ({@link AwsConfig}, {@link KafkaConfig}, ...), one file per section of the YAML.
 */
public record IngestConfig(
    String instanceId,
    AwsConfig aws,
    KafkaConfig kafka,
    MetricsConfig metrics,
    LogsConfig logs,
    BackfillConfig backfill,
    HttpConfig http,
    ShardConfig shard,
    CostConfig cost,
    BoundsConfig bounds) {

  /** Without {@code bounds}: the defaults. */
  public IngestConfig(String instanceId, AwsConfig aws, KafkaConfig kafka, MetricsConfig metrics, LogsConfig logs,
      BackfillConfig backfill, HttpConfig http, ShardConfig shard, CostConfig cost) {
    this(instanceId, aws, kafka, metrics, logs, backfill, http, shard, cost, null);
  }

  public IngestConfig {
    instanceId = instanceId == null || instanceId.isBlank() ? "ingest-0" : instanceId;
    aws = aws == null ? new AwsConfig(null, null, null, null) : aws;
    kafka = kafka == null ? new KafkaConfig(null, null, null, null, null, null, null) : kafka;
    metrics = metrics == null ? new MetricsConfig(null, null, null, null, null, null) : metrics;
    logs = logs == null ? new LogsConfig(null, null, null, null, null, null) : logs;
    backfill = backfill == null ? new BackfillConfig(null, null) : backfill;
    http = http == null ? new HttpConfig(null, null) : http;
    shard = shard == null ? new ShardConfig(null, null) : shard;
    cost = cost == null ? new CostConfig(null, null, null) : cost;
    bounds = bounds == null ? new BoundsConfig(null, null, null) : bounds;
  }
}

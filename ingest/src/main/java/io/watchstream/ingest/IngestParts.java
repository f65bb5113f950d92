package io.watchstream.ingest;

import com.google.common.util.concurrent.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.LogSource;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.kafka.IngestTopics;
import io.watchstream.ingest.kafka.KafkaIngestSink;
import io.watchstream.ingest.logs.FilterLogEventsSource;
import io.watchstream.ingest.logs.LogEventSource;
import io.watchstream.ingest.logs.LogPoller;
import io.watchstream.ingest.metrics.MetricCatalog;
import io.watchstream.ingest.metrics.MetricDataFetcher;
import io.watchstream.ingest.metrics.MetricPoller;
import io.watchstream.ingest.metrics.ShardFilter;
import io.watchstream.ingest.ops.AwsSdkMetricsPublisher;
import io.watchstream.ingest.ops.IngestMetrics;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a started ingest service is made of, connected in the order that keeps its guarantees: topics, then the
 * subjects registered (waiting while the registry is away, so a running ingest never needs it to write), then the
 * transactional sink, whose initTransactions aborts whatever a previous incarnation left open, and only then the
 * checkpoint read, which therefore sees committed progress only; the pollers resume from it.
 */
record IngestParts(AwsClients aws, IngestSink sink, MetricDataFetcher fetcher, MetricCatalog catalog,
    MetricPoller metricPoller, LogPoller logPoller, Map<String, byte[]> restored) implements AutoCloseable {

  static IngestParts connect(IngestConfig config, Clock clock, MeterRegistry registry, IngestMetrics meters) {
    // resolved once: secrets are read from the environment and files at start, never again
    KafkaConnection connection = config.kafka().connection(System.getenv());
    if (config.kafka().createTopics()) {
      IngestTopics.ensure(config, connection);
    }
    Topics topics = new Topics(IngestTopics.names(config), connection.registryClient());
    Topics.registerForWriting(List.of(topics.metrics(), topics.logs()));
    AwsClients aws = new AwsClients(config.aws(), new AwsSdkMetricsPublisher(registry));
    IngestSink sink = null;
    try {
      sink = new KafkaIngestSink(config, connection, topics, clock, meters);
      Map<String, byte[]> restored = IngestTopics.readCheckpoints(config, connection, Duration.ofSeconds(60));
      ShardFilter shard = new ShardFilter(config.shard().index(), config.shard().count());
      MetricDataFetcher fetcher = new MetricDataFetcher(aws.cloudWatch());
      MetricCatalog catalog = new MetricCatalog(aws.cloudWatch(), config.metrics().selectors(), shard);
      MetricPoller metricPoller = new MetricPoller(fetcher, sink, config.metrics(), meters, clock);
      metricPoller.restore(restored);
      RateLimiter filterLogEventsQuota = RateLimiter.create(config.logs().requestsPerSecond());
      List<LogEventSource> sources = new ArrayList<>();
      for (LogSource s : config.logs().sources()) {
        if (shard.owns(s.id())) {
          sources.add(new FilterLogEventsSource(aws.logs(), s, config.logs(), filterLogEventsQuota));
        }
      }
      LogPoller logPoller = new LogPoller(sources, sink, meters, clock);
      logPoller.restore(restored);
      return new IngestParts(aws, sink, fetcher, catalog, metricPoller, logPoller, restored);
    } catch (RuntimeException e) {
      if (sink != null) {
        sink.close();
      }
      aws.close();
      throw e;
    }
  }

  @Override
  public void close() {
    sink.close();
    aws.close();
  }
}

package io.watchstream.bench.faults;

import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.TopicsConfig;
import io.watchstream.ingest.config.MetricsConfig;
import io.watchstream.ingest.config.MetricSelector;
import io.watchstream.ingest.config.KafkaConfig;
import io.watchstream.ingest.config.HttpConfig;
import io.watchstream.ingest.config.AwsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Ingest configured for the fault tests: moto endpoint, prefixed topics, a 1 s poll so faults show quickly. */
final class IngestConfigs {

  private IngestConfigs() {
  }

  static IngestConfig of(String instanceId, String bootstrap, String registryUrl, String motoEndpoint, String prefix) {
    return new IngestConfig(instanceId,
        new AwsConfig("us-east-1", motoEndpoint, 2, Duration.ofSeconds(30)),
        new KafkaConfig(bootstrap, registryUrl,
            new TopicsConfig(prefix + "metrics", prefix + "logs", prefix + "ingest-checkpoints"), 2, (short) 1, true,
            Map.of()),
        // Series are listed once at start (refresh 15 min): an outage must not make them vanish.
        new MetricsConfig(Duration.ofSeconds(1), Duration.ofMinutes(45), Duration.ofMinutes(45),
            Duration.ofMinutes(15), 500, List.of(new MetricSelector(SyntheticSeries.NAMESPACE,
            SyntheticSeries.METRIC, Map.of("InstanceId", "i-bench*"), List.of("Average"), 60, false, false, null))),
        null, null, new HttpConfig("127.0.0.1", -1), null, null);
  }
}

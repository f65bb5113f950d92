package io.watchstream.bench.faults;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.util.Map;
import java.util.stream.Collectors;

/** What ingest wrote to {@code <prefix>metrics}: how many times each (series, timestamp) appears. */
final class MetricsLedger {

  private MetricsLedger() {
  }

  static Map<String, Long> read(String bootstrap, String registryUrl, String prefix) {
    Topics topics = new Topics(TopicNames.withPrefix(prefix), new HttpSchemaRegistryClient(registryUrl));
    var m = topics.metrics();
    return TopicCounts.readAll(bootstrap, m.name()).stream()
        .map(r -> m.valueSerde().deserializer().deserialize(m.name(), r.value()))
        .collect(Collectors.groupingBy(MetricsLedger::id, Collectors.counting()));
  }

  static String id(MetricDatapoint d) {
    return SeriesKeys.canonical(d) + "@" + d.getTimestamp().toEpochMilli();
  }
}

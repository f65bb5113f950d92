package io.watchstream.bench.workload;

import io.watchstream.avro.RuleRecord;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.processor.rules.RuleVersions;
import io.watchstream.schemas.TopicSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The rule sets the benchmark runs, as rule-file YAML parsed by the processor's own {@link RuleFileLoader}, and
 * their publication to a rules topic (what {@code watchstream process} does at start-up).
 */
public final class BenchRules {

  /**
   * Three threshold rules that each cover every benchmark instance (a wildcard selector), so 10,000 series carry
   * 30,000 (rule, series) states. Grace 0 as issue 4's latency target requires.
   */
  public static final String THREE_PER_SERIES = """
      rules:
        - id: cpu-over-50
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "i-bench*" } }
          period: 60s
          statistic: Average
          comparison: ">"
          threshold: 50
          grace: 0s
          severity: critical
          actions: { notify: [bench] }
        - id: cpu-over-80-2-of-3
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "i-bench*" } }
          period: 60s
          statistic: Average
          comparison: ">"
          threshold: 80
          evaluationPeriods: 3
          datapointsToAlarm: 2
          grace: 0s
        - id: cpu-idle-5-of-5
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "i-bench*" } }
          period: 60s
          statistic: Average
          comparison: "<"
          threshold: 1
          evaluationPeriods: 5
          treatMissingData: notBreaching
          grace: 0s
      """;

  /** Only the first of those rules: {@code cpu-over-50}, 1 of 1, for tests whose expected transitions follow from the input. */
  public static final String ONE_PER_SERIES = THREE_PER_SERIES.substring(0, THREE_PER_SERIES.indexOf("  - id: cpu-over-80"));

  /** The equivalent of the peer's {@code bench_cpu_utilization > 50} for the peer instance. */
  public static final String PEER = """
      rules:
        - id: peer-cpu-over-50
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "i-peer*" } }
          period: 60s
          statistic: Average
          comparison: ">"
          threshold: 50
          grace: 0s
          severity: critical
          actions: { notify: [bench] }
      """;

  private BenchRules() {
  }

  /** The rules of {@code yaml}, as the processor's rule file loader reads them. */
  public static List<LoadedRule> load(String yaml) throws RuleFileException {
    return new RuleFileLoader().parse("bench-rules.yaml", yaml);
  }

  /** Parses {@code yaml} and writes every rule, version 1, to the rules topic; returns what was written. */
  public static List<RuleRecord> publish(String bootstrap, TopicSpec<String, RuleRecord> rules, String yaml)
      throws RuleFileException {
    List<LoadedRule> loaded = load(yaml);
    List<RuleRecord> records = RuleVersions.toPublish(Map.of(), loaded, Instant.now());
    try (KafkaProducer<String, RuleRecord> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        rules.keySerde().serializer(), rules.valueSerde().serializer())) {
      for (RuleRecord r : records) {
        producer.send(new ProducerRecord<>(rules.name(), r.getRuleId(), r));
      }
      producer.flush();
    }
    return records;
  }
}

package io.watchstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorOpsConfig;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * A first start of ingest with a 30-minute look-back, on the real parts (moto_server, the broker, the registry) with
 * the processor behind it: the look-back reaches the processor in event-time order across every series and every
 * query batch, so no datapoint lands on {@code metrics.late}, and each series that crossed its threshold in the
 * history alarms at the minute it crossed, not when ingest happened to write it.
 */
class FirstStartHistoryIT {

  private static final int SERIES = 6;
  private static final String RULES = """
      rules:
        - id: cpu-high
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
          period: 60s
          statistic: Average
          comparison: ">"
          threshold: 80
          evaluationPeriods: 2
          datapointsToAlarm: 2
      """;

  @Test
  void theLookBackIsEvaluatedInEventTimeOrderWithNothingLate(@TempDir Path state) throws Exception {
    MotoServer moto = RealParts.moto();
    moto.reset();
    String bootstrap = RealParts.kafka().bootstrapServers();
    String registry = RealParts.registry().ccompatUrl();
    String prefix = "hist-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    TopicNames names = TopicNames.withPrefix(prefix);
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(registry));

    // 30 minutes of history: series i-k runs hot from minute -30 + 4k on, so each crosses at its own minute
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Map<String, Instant> crossed = new HashMap<>();
    try (CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build()) {
      for (int k = 0; k < SERIES; k++) {
        String instance = "i-" + k;
        List<MetricDatum> data = new ArrayList<>();
        for (int m = -30; m < 0; m++) {
          boolean hot = k % 2 == 0 && m >= -30 + 4 * k;
          data.add(MetricDatum.builder().metricName("CPUUtilization").unit(StandardUnit.PERCENT)
              .dimensions(Dimension.builder().name("InstanceId").value(instance).build())
              .timestamp(now.plus(Duration.ofMinutes(m))).value(hot ? 95.0 : 20.0).build());
        }
        cw.putMetricData(r -> r.namespace("AWS/EC2").metricData(data));
        if (k % 2 == 0) {
          // the second hot minute closes the 2-of-2 window: ALARM at the end of that period
          crossed.put(instance, now.plus(Duration.ofMinutes(-30 + 4 * k + 2)));
        }
      }
    }

    Map<String, String> byLogical = new HashMap<>();
    for (String logical : TopicNames.LOGICAL) {
      byLogical.put(logical, names.name(logical));
    }
    ProcessorConfig processor = new ProcessorConfig(
        new ProcessorConfig.Kafka(bootstrap, registry, prefix + "processor", state, Duration.ofMillis(100), 1, 0),
        byLogical, Path.of("unused"), new ProcessorConfig.Evaluation(Duration.ofSeconds(1), null, null, null),
        ProcessorOpsConfig.onPort(-1));
    IngestConfig ingest = IngestConfigLoader.parse("""
        aws: {endpoint: "%s", region: us-east-1, maxAttempts: 2}
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s"
          topics: {metrics: "%smetrics", logs: "%slogs", checkpoints: "%singest-checkpoints"}
        metrics:
          pollInterval: 5s
          initialLookback: 35m
          maxQueriesPerCall: 2
          selectors:
            - {namespace: AWS/EC2, metricName: CPUUtilization, dimensions: {InstanceId: "i-*"}, statistics: [Average]}
        http: {host: 127.0.0.1, port: 0}
        """.formatted(moto.endpoint(), bootstrap, registry, prefix, prefix, prefix), Map.of());

    PipelinePlan plan = PipelinePlan.topicsOnly(bootstrap, topics, 3)
        .withProcessor(processor, new RuleFileLoader().parse("history.yaml", RULES))
        .withIngest(ingest);
    try (Pipeline pipeline = Pipeline.start(plan);
         KafkaConsumer<AlertKey, AlertTransition> alerts = new KafkaConsumer<>(consumer(bootstrap, prefix + "alerts"),
             topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer());
         KafkaConsumer<byte[], byte[]> late = new KafkaConsumer<>(consumer(bootstrap, prefix + "late"),
             new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      alerts.subscribe(List.of(names.alerts()));
      late.subscribe(List.of(TopicNames.lateData(names.metrics())));
      Map<String, Instant> alarmed = new HashMap<>();
      List<byte[]> lateRecords = new ArrayList<>();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
        alerts.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value().getToState() == AlarmState.ALARM) {
            alarmed.put(r.value().getDimensions().get(0).getValue().toString(), r.value().getTransitionTime());
          }
        });
        late.poll(Duration.ofMillis(50)).forEach(r -> lateRecords.add(r.value()));
        return alarmed.keySet().containsAll(crossed.keySet());
      });
      // whatever would be late has been written by now: give the side topic a moment more
      for (int i = 0; i < 10; i++) {
        late.poll(Duration.ofMillis(200)).forEach(r -> lateRecords.add(r.value()));
      }
      assertThat(lateRecords.size()).as("records on metrics.late").isZero();
      assertThat(alarmed).containsExactlyInAnyOrderEntriesOf(crossed);
    }
  }

  private static Map<String, Object> consumer(String bootstrap, String group) {
    Map<String, Object> p = new HashMap<>(RealParts.kafka().clientProperties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }
}

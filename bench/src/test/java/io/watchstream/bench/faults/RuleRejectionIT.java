package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.RuleRecord;
import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.phases.LiveProcessor;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.testkit.RealParts;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A rules-topic record that fails validation (version 2 of a rule with an unknown comparison and a text
 * threshold) must be sent to {@code rules.rejected} and the previous version must stay in force: the next
 * transition still names version 1.
 */
class RuleRejectionIT {

  @Test
  void anInvalidRuleRecordIsRejectedAndThePreviousVersionStaysInForce() throws Exception {
    try (Pipeline p = new Pipeline(RealParts.kafka(), RealParts.registry().ccompatUrl(), "rulerej", 1);
         ProcessorApp processor = LiveProcessor.create(p.bootstrap(), p.registryUrl, p.topics, p.prefix + "app",
             Files.createTempDirectory("rulerej-state"))) {
      List<RuleRecord> v1 = BenchRules.publish(p.bootstrap(), p.topics.rules(), BenchRules.ONE_PER_SERIES);
      processor.start();
      Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
      p.datapoint(0, t, 20);
      p.flush();

      RuleRecord invalid = new RuleRecord("cpu-over-50", 2, "threshold",
          "{\"id\":\"cpu-over-50\",\"kind\":\"threshold\",\"metric\":{\"namespace\":\"AWS/EC2\",\"name\":\"CPUUtilization\","
              + "\"dimensions\":{\"InstanceId\":\"i-bench*\"}},\"comparison\":\"~\",\"threshold\":\"very high\"}",
          "fault-test", Instant.now());
      var rules = p.topics.rules();
      try (KafkaProducer<String, RuleRecord> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrap()),
          rules.keySerde().serializer(), rules.valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(rules.name(), invalid.getRuleId(), invalid)).get();
      }
      String rejectedTopic = p.topics.names().rulesRejected();
      // The global rules store reads the record within milliseconds; give it a generous moment before the datapoint
      // that must be judged by version 1 (threshold 50), whatever happened to version 2.
      await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
      p.datapoint(0, t.plus(1, ChronoUnit.MINUTES), 95);
      p.flush();
      await().atMost(Duration.ofMinutes(1)).until(() -> alarm(p) != null);
      await().atMost(Duration.ofMinutes(1)).until(() -> TopicCounts.count(p.bootstrap(), rejectedTopic) >= 1);
      AlertTransition alarm = alarm(p);
      List<RuleRecord> rejected = TopicCounts.readAll(p.bootstrap(), rejectedTopic).stream()
          .map(r -> rules.valueSerde().deserializer().deserialize(rejectedTopic, r.value())).toList();

      boolean ok = rejected.size() == 1 && rejected.get(0).getVersion() == 2 && alarm.getRuleVersion() == v1.get(0).getVersion();
      FaultReport.record("invalid rule record", "v2 of a rule with comparison '~' and a text threshold",
          "v2 in rules.rejected, alerts still from v" + v1.get(0).getVersion(),
          rejected.size() + " rejected (v" + (rejected.isEmpty() ? "-" : rejected.get(0).getVersion()) + "), ALARM from v"
              + alarm.getRuleVersion(), ok);
      assertThat(rejected).singleElement().satisfies(r -> assertThat(r.getVersion()).isEqualTo(2));
      assertThat(alarm.getRuleVersion()).isEqualTo(v1.get(0).getVersion());
    }
  }

  private static AlertTransition alarm(Pipeline p) {
    return p.alerts().stream().filter(a -> a.getToState() == AlarmState.ALARM).findFirst().orElse(null);
  }
}

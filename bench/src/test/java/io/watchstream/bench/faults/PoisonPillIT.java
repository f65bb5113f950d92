package io.watchstream.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.harness.TopicCounts;
import io.watchstream.bench.phases.LiveProcessor;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.schemas.TopicNames;
import io.watchstream.testkit.RealParts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Poison pills on every input topic of the processor (metrics, logs): bytes that are not the Confluent wire
 * format, a magic byte with a schema id the registry does not know, and a known schema id with a truncated body.
 * They must land in {@code <topic>.dlq} byte for byte, with nothing else there, while the good datapoints around
 * them are still evaluated.
 */
class PoisonPillIT {

  private static final int SERIES = 10;

  @Test
  void poisonPillsLandInTheDeadLetterTopicsAndProcessingContinues() throws Exception {
    try (Pipeline p = new Pipeline(RealParts.kafka(), RealParts.registry().ccompatUrl(), "poison", 2);
         ProcessorApp processor = LiveProcessor.create(p.bootstrap(), p.registryUrl, p.topics, p.prefix + "app",
             Files.createTempDirectory("poison-state"))) {
      BenchRules.publish(p.bootstrap(), p.topics.rules(), BenchRules.THREE_PER_SERIES);
      processor.start();
      Instant calm = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
      for (int s = 0; s < SERIES; s++) {
        p.datapoint(s, calm, 20);
      }
      // A valid record first, so the truncated pill below carries a schema id the registry really has.
      p.flush();
      List<byte[]> metricPills = pills(p, p.topics.names().metrics());
      List<byte[]> logPills = pills(p, p.topics.names().logs());
      for (byte[] pill : metricPills) {
        p.raw(p.topics.names().metrics(), "k".getBytes(StandardCharsets.UTF_8), pill);
      }
      for (byte[] pill : logPills) {
        p.raw(p.topics.names().logs(), "k".getBytes(StandardCharsets.UTF_8), pill);
      }
      for (int s = 0; s < SERIES; s++) {
        p.datapoint(s, calm.plus(1, ChronoUnit.MINUTES), 95);
      }
      p.flush();

      await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(alarms(p)).hasSize(SERIES));
      List<ConsumerRecord<byte[], byte[]>> metricsDlq = TopicCounts.readAll(p.bootstrap(), TopicNames.deadLetter(p.topics.names().metrics()));
      List<ConsumerRecord<byte[], byte[]>> logsDlq = TopicCounts.readAll(p.bootstrap(), TopicNames.deadLetter(p.topics.names().logs()));

      boolean ok = sameBytes(metricsDlq, metricPills) && sameBytes(logsDlq, logPills);
      FaultReport.record("poison pills", metricPills.size() + " on metrics, " + logPills.size() + " on logs",
          "DLQs hold exactly the pills; " + SERIES + " ALARMs still decided",
          metricsDlq.size() + " in metrics.dlq, " + logsDlq.size() + " in logs.dlq, " + alarms(p).size() + " ALARMs", ok);
      assertThat(metricsDlq).extracting(r -> ByteBuffer.wrap(r.value()))
          .containsExactlyInAnyOrderElementsOf(metricPills.stream().map(ByteBuffer::wrap).toList());
      assertThat(logsDlq).extracting(r -> ByteBuffer.wrap(r.value()))
          .containsExactlyInAnyOrderElementsOf(logPills.stream().map(ByteBuffer::wrap).toList());
      assertThat(metricsDlq).allSatisfy(r -> assertThat(r.headers().lastHeader("watchstream.error.class")).isNotNull());
    }
  }

  private static Set<String> alarms(Pipeline p) {
    return p.alerts().stream().filter(a -> a.getRuleId().equals("cpu-over-50") && a.getToState() == AlarmState.ALARM)
        .map(AlertTransition::getSeriesKey).collect(Collectors.toSet());
  }

  /** Three kinds of undecodable values; the truncated one reuses the id of the topic's registered value schema. */
  private static List<byte[]> pills(Pipeline p, String topic) {
    byte[] notWireFormat = "{\"value\": \"this is JSON, not Avro\"}".getBytes(StandardCharsets.UTF_8);
    byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
    byte[] good = topic.endsWith("metrics")
        ? p.topics.metrics().valueSerde().serializer().serialize(topic,
            io.watchstream.bench.workload.SyntheticSeries.datapoint(0, 0L, 1.0))
        : p.topics.logs().valueSerde().serializer().serialize(topic, new io.watchstream.avro.LogEvent(
            "/var/log/messages", "i-1", "e1", Instant.EPOCH, Instant.EPOCH, "a log line"));
    byte[] truncated = Arrays.copyOf(good, 7);
    return List.of(notWireFormat, unknownId, truncated);
  }

  private static boolean sameBytes(List<ConsumerRecord<byte[], byte[]>> records, List<byte[]> expected) {
    return records.size() == expected.size() && expected.stream().allMatch(e -> records.stream().anyMatch(r -> Arrays.equals(r.value(), e)));
  }
}

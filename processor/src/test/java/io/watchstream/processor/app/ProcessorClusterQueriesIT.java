package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.SeriesKeys;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processor instances of one application on the real broker, each owning half of the partitions: either
 * instance's {@code /state} lists every series of the application, each row naming the instance that holds it, and
 * {@code /rules} lists each rule once; when one instance stops, the other answers for all again once it owns every
 * partition, and until then says it could not ask the stopped one ({@code complete: false}) rather than omitting
 * its series silently. The same run scrapes {@code /metrics}: rule activity, consumer lag per partition, JVM meters.
 */
class ProcessorClusterQueriesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SERIES = 16;

  @Test
  void eitherInstanceAnswersForEverySeriesOfTheApplication(@TempDir Path stateA, @TempDir Path stateB) throws Exception {
    EmbeddedKafka kafka = RealParts.kafka();
    String registryUrl = RealParts.registry().ccompatUrl();
    String run = "itq-" + UUID.randomUUID().toString().substring(0, 8);
    TopicNames names = TopicNames.withPrefix(run + "-");
    Topics topics = new Topics(names, new HttpSchemaRegistryClient(registryUrl));
    TopicSetup.ensure(kafka.clientProperties(), names, TopicCatalogue.PROCESSOR, TopicSetup.Settings.of(4));
    new RulePublisher(kafka.bootstrapServers(), topics.rules()).publish(new RuleFileLoader().parse("it.yaml", ProcessorIT.RULES));

    Set<String> allSeries = new HashSet<>();
    try (ProcessorApp a = new ProcessorApp(config(kafka, registryUrl, run, stateA), topics);
         ProcessorApp b = new ProcessorApp(config(kafka, registryUrl, run, stateB), topics);
         KafkaProducer<MetricSeriesKey, MetricDatapoint> producer = new KafkaProducer<>(kafka.clientProperties(),
             topics.metrics().keySerde().serializer(), topics.metrics().valueSerde().serializer());
         KafkaConsumer<AlertKey, AlertTransition> alerts = ProcessorIT.consumer(kafka, topics, run)) {
      a.start();
      b.start();
      Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
      for (int i = 1; i <= SERIES; i++) {
        MetricDatapoint dp = MetricDatapoint.newBuilder()
            .setNamespace("AWS/EC2").setMetricName("CPUUtilization").setDimensions(List.of(new Dimension("InstanceId", "i-" + i)))
            .setTimestamp(at).setValue(90).setUnit("Percent").setStatistic("Average").setPeriodSeconds(60).setSource("it")
            .build();
        producer.send(new ProducerRecord<>(names.metrics(), null, at.toEpochMilli(), SeriesKeys.of(dp), dp)).get();
        allSeries.add("AWS/EC2/CPUUtilization{InstanceId=i-" + i + "}/Average/60");
      }
      alerts.subscribe(List.of(names.alerts()));
      List<AlertTransition> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(120)).until(() -> ProcessorIT.poll(alerts, seen) >= SERIES);
      await().atMost(Duration.ofSeconds(60)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
          && b.streams().state() == KafkaStreams.State.RUNNING);

      String nameA = "127.0.0.1:" + a.httpPort();
      String nameB = "127.0.0.1:" + b.httpPort();
      for (ProcessorApp asked : List.of(a, b)) {
        JsonNode state = await().atMost(Duration.ofSeconds(60)).until(() -> get(asked, "/state?rule=cpu-high"),
            s -> s.path("complete").asBoolean() && s.path("rows").size() == SERIES);
        assertThat(state.path("answeredBy").asText()).isEqualTo(asked == a ? nameA : nameB);
        assertThat(texts(state.path("instances"), "instance")).containsExactlyInAnyOrder(nameA, nameB);
        assertThat(texts(state.path("rows"), "series")).containsExactlyInAnyOrderElementsOf(allSeries);
        // each instance holds its own partitions' series: both appear, and each row says where it lives
        assertThat(texts(state.path("rows"), "instance")).containsOnly(nameA, nameB).contains(nameA, nameB);
        assertThat(texts(state.path("rows"), "state")).containsOnly("ALARM");
      }
      JsonNode rules = get(a, "/rules");
      assertThat(texts(rules.path("rows"), "ruleId")).containsExactly("cpu-high");
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.httpPort()
          + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics)
          .containsPattern("watchstream_processor_evaluations_total\\{kind=\"threshold\"\\} [1-9]")
          .containsPattern("watchstream_processor_transitions_total\\{kind=\"threshold\",to=\"ALARM\"\\} [1-9]")
          .contains("watchstream_processor_transitions_total{kind=\"anomaly\",to=\"OK\"} 0.0")
          .containsPattern("watchstream_processor_consumer_lag_records\\{client=\"[^\"]+\",partition=\"[0-9]\",topic=\""
              + names.metrics() + "\"\\} 0.0")
          .contains("watchstream_processor_set_aside_total{kind=\"late\",topic=\"" + names.metrics() + ".late\"} 0.0")
          .contains("watchstream_processor_set_aside_total{kind=\"bad-record\",topic=\"" + names.logs() + ".dlq\"} 0.0")
          .contains("jvm_memory_used_bytes").contains("jvm_gc_pause_seconds").contains("process_cpu_usage");

      b.close();
      // until a owns every partition it says that b did not answer; then it answers for all alone
      JsonNode alone = await().atMost(Duration.ofSeconds(120)).until(() -> get(a, "/state?rule=cpu-high"),
          s -> s.path("complete").asBoolean() && s.path("rows").size() == SERIES && s.path("instances").size() == 1);
      assertThat(texts(alone.path("rows"), "instance")).containsOnly(nameA);
      assertThat(texts(alone.path("rows"), "series")).containsExactlyInAnyOrderElementsOf(allSeries);
    }
  }

  private static JsonNode get(ProcessorApp app, String path) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + app.httpPort() + path)).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  private static List<String> texts(JsonNode array, String field) {
    return IntStream.range(0, array.size()).mapToObj(i -> array.get(i).path(field).asText()).toList();
  }

  private static ProcessorConfig config(EmbeddedKafka kafka, String registryUrl, String run, Path state) {
    return new ProcessorConfig(new ProcessorConfig.Kafka(kafka.bootstrapServers(), registryUrl, run, state, Duration.ofMillis(100), 1, 0),
        Map.of(), Path.of("unused"), new ProcessorConfig.Evaluation(Duration.ofSeconds(1), Duration.ofMinutes(30), null, null),
        new ProcessorOpsConfig(0, null, null, null, null, null, "127.0.0.1", Duration.ofSeconds(3), "127.0.0.1"));
  }
}

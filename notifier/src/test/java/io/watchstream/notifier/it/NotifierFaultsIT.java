package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.schemas.DeadLetterHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A notifier on the real broker, registry, Slack stand-in and moto (SNS) gets a stream of alerts mixed with hostile
 * records — garbage bytes, truncated Avro, an unknown schema id, empty values, tombstones — and alerts no route
 * matches, while SNS is down (moto stopped) and then Slack answers 503, 429 and 500 for a stretch. Under the fault
 * model: every routable incident gets exactly one Slack message, updated in place on its OK transition; every
 * transition reaches SNS exactly once; every hostile and unroutable record, and nothing else, is in alerts.dlq with
 * the common headers, byte for byte; health says DEGRADED with the reason while it waits, and UP after.
 */
class NotifierFaultsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INCIDENTS = 12;
  private static final int RESOLVED = 6;
  private static final int UNROUTABLE = 6;
  private static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");

  private final MotoServer moto = MotoServer.start();
  private NotifierHarness h;
  private NotifierService service;
  private SnsClient sns;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
    if (sns != null) {
      sns.close();
    }
    moto.close();
  }

  @Test
  void outagesAreWaitedOutAndOnlyHostileRecordsAreDeadLettered() throws Exception {
    h = new NotifierHarness("faults");
    sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(moto.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    String arn = sns.createTopic(r -> r.name(h.prefix)).topicArn();
    String yaml = h.baseYaml()
        .replace("retry: {initialBackoff: 50ms, maxBackoff: 200ms, maxRetryAfter: 10s}",
            "retry: {initialBackoff: 200ms, maxBackoff: 1s, maxRetryAfter: 10s}")
        // No group wait: an incident whose OK arrives while its ALARM waits would rightly never be posted.
        .replace("groupWait: 300ms", "groupWait: 0s")
        .replace("  defaultChannel: \"" + h.channel + "\"\n",
            "  routes:\n    - {match: {rule: \"web-*\"}, channel: \"" + h.channel + "\"}\n")
        + "aws:\n  region: %s\n  endpoint: %s\nsns:\n  topicArn: %s\n".formatted(moto.region(), moto.endpoint(), arn);
    service = h.start(yaml, Map.of(), NotifierHooks.NONE);

    moto.stop(); // SNS down before the first alert
    List<byte[]> hostile = hostileRecords();
    List<String> transitions = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < INCIDENTS; i++) {
      String rule = rule("web", i);
      h.send(AlertBuilder.alarm().rule(rule).at(T0).build());
      transitions.add(rule + "|ALARM");
      for (int k = 0; k < hostile.size() / INCIDENTS && next < hostile.size(); k++) {
        h.sendRaw(h.topics.names().alerts(), "hostile".getBytes(StandardCharsets.UTF_8), hostile.get(next++));
      }
    }
    for (; next < hostile.size(); next++) {
      h.sendRaw(h.topics.names().alerts(), "hostile".getBytes(StandardCharsets.UTF_8), hostile.get(next));
    }
    for (int i = 0; i < UNROUTABLE; i++) {
      h.send(AlertBuilder.alarm().rule(rule("batch", i)).at(T0).build());
      transitions.add(rule("batch", i) + "|ALARM");
    }
    for (int i = 0; i < RESOLVED; i++) {
      h.send(AlertBuilder.ok().rule(rule("web", i)).at(T0.plusSeconds(300)).build());
      transitions.add(rule("web", i) + "|OK");
    }

    List<String> healthSeen = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      healthSeen.add(health().body());
      return healthSeen.get(healthSeen.size() - 1).contains("\"waiting\":{\"sns\"");
    });
    assertThat(h.requests("chat.postMessage")).as("nothing is skipped past SNS while it is down").isEmpty();
    Thread.sleep(3000); // SNS stays down for a stretch (and nothing may be dead-lettered meanwhile for it)
    // Slack then answers 503 ×12, 429 ×3 and 500 ×5 in a row; SNS comes back with its topic.
    h.slack.failNext(12, 503);
    h.slack.throttleNext(3, 1);
    h.slack.failNext(5, 500);
    moto.startAgain();
    sns.createTopic(r -> r.name(h.prefix));

    try {
      await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(250)).until(() -> {
        healthSeen.add(health().body());
        return okPosts().size() >= INCIDENTS && okUpdates().size() >= RESOLVED && snsMessages(arn).size() >= transitions.size();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("not all delivered: " + okPosts().size() + " posts, " + okUpdates().size() + " updates, "
          + snsMessages(arn).size() + " SNS messages; health " + health().body(), e);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> health().body().contains("\"status\":\"UP\""));

    // Every routable incident: one message, updated in place once; nothing posted twice.
    Map<String, Long> postsPerRule = okPosts().stream().collect(Collectors.groupingBy(r -> ruleOf(r.param("text").orElse("")),
        Collectors.counting()));
    assertThat(postsPerRule).hasSize(INCIDENTS).allSatisfy((rule, n) -> assertThat(n).as(rule).isEqualTo(1L));
    assertThat(okUpdates()).hasSize(RESOLVED);
    assertThat(okUpdates().stream().map(r -> r.param("ts").orElse("")).distinct()).hasSize(RESOLVED);
    // Every transition (routable or not) once on SNS.
    List<String> published = snsMessages(arn);
    assertThat(published).containsExactlyInAnyOrderElementsOf(transitions);

    // alerts.dlq: exactly the hostile and the unroutable records, raw, with complete headers.
    List<ConsumerRecord<byte[], byte[]>> dead = readAll(h.topics.names().alerts() + ".dlq");
    assertThat(dead).hasSize(hostile.size() + UNROUTABLE);
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(h.topics.names().alerts());
      assertThat(header(r, DeadLetterHeaders.SOURCE_PARTITION)).matches("[0-9]+");
      assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).matches("[0-9]+");
      assertThat(header(r, DeadLetterHeaders.ERROR_CLASS)).isNotBlank();
      assertThat(header(r, DeadLetterHeaders.ERROR_MESSAGE)).isNotNull();
    }
    List<ConsumerRecord<byte[], byte[]>> bad = dead.stream().filter(r -> "bad-record".equals(header(r, DeadLetterHeaders.KIND))).toList();
    List<ConsumerRecord<byte[], byte[]>> unroutable = dead.stream()
        .filter(r -> "undeliverable".equals(header(r, DeadLetterHeaders.KIND))).toList();
    assertThat(bad).hasSize(hostile.size()).allMatch(r -> "decode".equals(header(r, DeadLetterHeaders.STAGE)));
    assertThat(bad.stream().map(r -> hex(r.value())).toList())
        .containsExactlyInAnyOrderElementsOf(hostile.stream().map(NotifierFaultsIT::hex).toList());
    assertThat(unroutable).hasSize(UNROUTABLE).allMatch(r -> "route".equals(header(r, DeadLetterHeaders.STAGE)))
        .extracting(r -> header(r, DeadLetterHeaders.RULE_ID))
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, UNROUTABLE).mapToObj(i -> rule("batch", i)).toList());

    assertThat(healthSeen).anyMatch(b -> b.contains("\"status\":\"DEGRADED\"") && b.contains("\"waiting\":{\"sns\""));
    assertThat(healthSeen).anyMatch(b -> b.contains("\"status\":\"DEGRADED\"") && b.contains("\"slack\":{\"reason\":\"Slack post"));
    assertThat(healthSeen).noneMatch(b -> b.contains("\"status\":\"DOWN\""));
    double retries = service.metrics().registry().get("watchstream.notifier.slack.retries").counter().count();
    assertThat(retries).isEqualTo(20.0);
    assertThat(service.metrics().registry().get("watchstream.notifier.dependency.waiting").tag("dependency", "slack").gauge().value()).isZero();
    System.out.printf(Locale.ROOT, "[NotifierFaultsIT] %d transitions, %d hostile + %d unroutable records: %d incidents posted"
            + " once each, %d updated once, %d on SNS once each, %d in alerts.dlq, %d Slack retries%n",
        transitions.size(), hostile.size(), UNROUTABLE, postsPerRule.size(), okUpdates().size(), published.size(),
        dead.size(), (long) retries);
  }

  /** Garbage, truncated Avro, an unknown schema id, empty values and tombstones (null): 3 of each, 15 in all. */
  private List<byte[]> hostileRecords() {
    Random random = new Random(13);
    String topic = h.topics.names().alerts();
    byte[] valid = h.topics.alerts().valueSerde().serializer().serialize(topic,
        NotifierHarness.toAvro(AlertBuilder.alarm().rule("never-valid").at(T0).build()));
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] garbage = new byte[16 + random.nextInt(200)];
      random.nextBytes(garbage);
      garbage[0] = (byte) (i == 0 ? 0 : 0x7b); // with and without the magic byte
      out.add(garbage);
      out.add(Arrays.copyOf(valid, valid.length / (2 + i)));
      byte[] unknownId = valid.clone();
      unknownId[1] = 0x7f;
      unknownId[4] = (byte) (0x10 + i);
      out.add(unknownId);
      out.add(new byte[0]);
      out.add(null);
    }
    return out;
  }

  private static String rule(String prefix, int i) {
    return String.format(Locale.ROOT, "%s-fault-%02d", prefix, i);
  }

  private static String ruleOf(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("web-fault-\\d\\d").matcher(text);
    return m.find() ? m.group() : text;
  }

  private List<RecordedRequest> okPosts() {
    return h.requests("chat.postMessage").stream().filter(r -> r.status() == 200 && r.param("thread_ts").isEmpty()).toList();
  }

  private List<RecordedRequest> okUpdates() {
    return h.requests("chat.update").stream().filter(r -> r.status() == 200).toList();
  }

  /** "rule|STATE" of every message moto's SNS topic received. */
  private List<String> snsMessages(String arn) throws Exception {
    JsonNode state = JSON.readTree(moto.stateJson());
    List<String> out = new ArrayList<>();
    for (JsonNode topic : state.path("sns").path("Topic")) {
      if (arn.equals(topic.path("arn").asText())) {
        for (JsonNode sent : topic.path("sent_notifications")) {
          JsonNode message = JSON.readTree(sent.get(1).asText());
          out.add(message.get("ruleId").asText() + "|" + message.get("toState").asText());
        }
      }
    }
    return out;
  }

  private HttpResponse<String> health() throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + service.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    java.util.Properties p = new java.util.Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var header = r.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? "null" : HexFormat.of().formatHex(bytes);
  }
}

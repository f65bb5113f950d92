package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.avro.AlarmState;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.delivery.SlackFailure;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackIncidentIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");
  private NotifierHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  private static JsonNode blocks(RecordedRequest r) throws Exception {
    return JSON.readTree(r.param("blocks").orElseThrow());
  }

  @Test
  void anAlarmIsPostedOnceWithTheExactBlockKitLayout() throws Exception {
    h = new NotifierHarness("exact");
    h.start();
    h.send(AlertBuilder.alarm().at(T0).build());

    RecordedRequest post = awaitRequests("chat.postMessage", 1).get(0);

    String link = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#metricsV2:graph="
        + "~(metrics~(~(~'AWS*2FEC2~'CPUUtilization~'AutoScalingGroupName~'web-asg~'InstanceId~'i-0abc))"
        + "~stat~'Average~period~60~region~'eu-west-1)";
    String date = "<!date^1795615200^{date_short_pretty} {time}|2026-11-25 14:00 UTC>";
    JsonNode expected = JSON.readTree("""
        [
          {"type":"header","text":{"type":"plain_text","text":":red_circle: ALARM: cpu-high","emoji":true}},
          {"type":"section","fields":[
            {"type":"mrkdwn","text":"*Severity*\\ncritical","verbatim":true},
            {"type":"mrkdwn","text":"*Rule*\\n`cpu-high` v3","verbatim":true},
            {"type":"mrkdwn","text":"*Series in ALARM*\\n1 of 1","verbatim":true},
            {"type":"mrkdwn","text":"*Since*\\n%s","verbatim":true}]},
          {"type":"section","text":{"type":"mrkdwn","text":"*ALARM* `i-0abc` group `web-asg` — *97.1* (threshold &gt; 80) · since %s · <%s|CloudWatch>","verbatim":true}},
          {"type":"section","text":{"type":"mrkdwn","text":"*Reason*\\nThreshold Crossed: 3 out of the last 3 datapoints [91.2, 95.0, 97.1] were greater than the threshold (80.0).","verbatim":true}},
          {"type":"context","elements":[{"type":"mrkdwn","text":"watchstream · rule `cpu-high` version 3 · threshold","verbatim":true}]}
        ]""".formatted(date, date, link));
    assertThat(blocks(post)).isEqualTo(expected);
    assertThat(post.param("text")).contains("ALARM: cpu-high (critical), 1 of 1 series in ALARM");
    assertThat(post.param("unfurl_links")).as("the SDK encodes false as 0").contains("0");
    assertThat(post.header("Authorization")).contains("Bearer " + NotifierHarness.TOKEN);
    assertThat(post.param("thread_ts")).isEmpty();
  }

  @Test
  void laterTransitionsEditTheMessageAndReplyInItsThreadAndOkResolvesIt() throws Exception {
    h = new NotifierHarness("thread");
    h.start();
    h.send(AlertBuilder.alarm().at(T0).build());
    RecordedRequest post = awaitRequests("chat.postMessage", 1).get(0);
    assertThat(post.param("thread_ts")).isEmpty();
    h.send(AlertBuilder.ok().at(T0.plusSeconds(300)).build());

    RecordedRequest update = awaitRequests("chat.update", 1).get(0);
    List<RecordedRequest> posts = awaitRequests("chat.postMessage", 2);
    RecordedRequest reply = posts.get(1);

    String messageTs = update.param("ts").orElseThrow();
    assertThat(messageTs).matches("\\d+\\.\\d{6}");
    assertThat(reply.param("thread_ts")).contains(messageTs);
    assertThat(reply.param("text").orElseThrow()).isEqualTo("`i-0abc` group `web-asg`: ALARM → *OK* at "
        + "<!date^1795615500^{date_short_pretty} {time}|2026-11-25 14:05 UTC> · *41.2* (threshold &gt; 80)\n"
        + "Threshold Crossed: no datapoints were greater than the threshold (80.0).");
    JsonNode updated = blocks(update);
    assertThat(updated.get(0).get("text").get("text").asText()).isEqualTo(":white_check_mark: RESOLVED: cpu-high");
    assertThat(updated.get(2).get("text").get("text").asText()).startsWith("*OK* `i-0abc` group `web-asg` — *41.2*");

    // a new ALARM after the resolution opens a fresh incident message (not a reply in the old thread)
    h.send(AlertBuilder.alarm().at(T0.plusSeconds(900)).build());
    RecordedRequest second = awaitRequests("chat.postMessage", 3).get(2);
    assertThat(second.param("thread_ts")).isEmpty();
    assertThat(blocks(second).get(0).get("text").get("text").asText()).isEqualTo(":red_circle: ALARM: cpu-high");
  }

  @Test
  void seriesFiringTogetherAreGroupedIntoOneMessage() throws Exception {
    h = new NotifierHarness("group");
    h.start();
    h.send(AlertBuilder.alarm().instance("i-1").at(T0).build());
    h.send(AlertBuilder.alarm().instance("i-2").at(T0).build());
    h.send(AlertBuilder.alarm().instance("i-3").at(T0).build());

    RecordedRequest post = awaitRequests("chat.postMessage", 1).get(0);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> h.requests("chat.postMessage").size() == 1);
    JsonNode b = blocks(post);
    assertThat(b.get(1).get("fields").get(2).get("text").asText()).isEqualTo("*Series in ALARM*\n3 of 3");
    assertThat(b.get(2).get("text").get("text").asText()).contains("`i-1`");
    assertThat(b.get(3).get("text").get("text").asText()).contains("`i-2`");
    assertThat(b.get(4).get("text").get("text").asText()).contains("`i-3`");
  }

  @Test
  void aRateLimitIsHonouredWithRetryAfterAndThe5xxRetried() throws Exception {
    h = new NotifierHarness("throttle");
    h.start();
    h.slack.throttleNext(1, 2);
    h.slack.failNext(1, 503);
    h.send(AlertBuilder.alarm().at(T0).build());

    List<RecordedRequest> posts = awaitRequests("chat.postMessage", 3);

    assertThat(posts).extracting(RecordedRequest::status).containsExactly(429, 503, 200);
    assertThat(Duration.between(posts.get(0).receivedAt(), posts.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
        .until(() -> h.requests("chat.postMessage").size() == 3);
  }

  @Test
  void untrustedLogTextCannotPingTheChannelOrPlantLinks() throws Exception {
    h = new NotifierHarness("inject");
    h.start();
    h.send(AlertBuilder.alarm().at(T0).kind("log-frequency")
        .dimensions(Map.of("logGroup", "/var/log/secure"))
        .reason("sshd: Failed password for <!channel> @here from <https://evil.example|click me> && `rm -rf`"
            + "\n:white_check_mark: *RESOLVED* _https://evil.example/login_ paypal.com/login \u202Etxt.exe")
        .build());

    RecordedRequest post = awaitRequests("chat.postMessage", 1).get(0);
    String raw = post.param("blocks").orElseThrow();
    assertThat(raw).doesNotContain("<!channel>").doesNotContain("<https://evil").doesNotContain("@here")
        .doesNotContain("`rm").doesNotContain("\u202E").doesNotContain("evil.example").doesNotContain("paypal.com");
    assertThat(blocks(post).get(3).get("text").get("text").asText()).isEqualTo("*Reason*\nsshd: Failed password for "
        + "&lt;!channel&gt; @\u200Bhere from &lt;https:\u200B//evil.\u200Bexample|click me&gt; &amp;&amp; 'rm -rf'"
        + " ⏎ :\u200Bwhite_check_mark: ∗RESOLVED∗ ＿https:\u200B//evil.\u200Bexample/login＿ paypal.\u200Bcom/login txt.\u200Bexe");
    assertThat(post.param("text").orElseThrow()).doesNotContain("\n");
  }

  @Test
  void aSlackOutageIsWaitedOutAndTheAlertPostedOnceNothingDeadLettered() throws Exception {
    h = new NotifierHarness("outage");
    h.start();
    h.slack.failNext(12, 503);
    h.slack.throttleNext(2, 1);
    h.send(AlertBuilder.alarm().at(T0).build());

    await().atMost(Duration.ofSeconds(60)).until(() -> h.requests("chat.postMessage").stream().anyMatch(r -> r.status() == 200));
    List<RecordedRequest> posts = h.requests("chat.postMessage");
    assertThat(posts).hasSize(15);
    assertThat(posts.stream().filter(r -> r.status() == 200)).hasSize(1);
    assertThat(countAll(h.topics.names().alerts() + ".dlq")).isZero();
  }

  @Test
  void aChannelSlackSaysDoesNotExistIsADeadLetterWithTheCommonHeaders() throws Exception {
    h = new NotifierHarness("dlq");
    h.start();
    h.slack.answer("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");
    h.send(AlertBuilder.alarm().at(T0).build());

    List<ConsumerRecord<byte[], byte[]>> dead = readAll(h.topics.names().alerts() + ".dlq", 1);

    assertThat(header(dead.get(0), DeadLetterHeaders.KIND)).isEqualTo("undeliverable");
    assertThat(header(dead.get(0), DeadLetterHeaders.STAGE)).isEqualTo("deliver");
    assertThat(header(dead.get(0), DeadLetterHeaders.ERROR_CLASS)).isEqualTo(SlackFailure.class.getName());
    assertThat(header(dead.get(0), DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("chat.postMessage: channel_not_found");
    assertThat(header(dead.get(0), DeadLetterHeaders.RULE_ID)).isEqualTo("cpu-high");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(h.topics.names().alerts());
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_PARTITION)).matches("[0-9]+");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"kind\":\"POST\"").contains("cpu-high");
    assertThat(h.requests("chat.postMessage")).hasSize(1);
  }

  @Test
  void anUndecodableRecordIsDeadLetteredAndTheNextOneStillPosted() throws Exception {
    h = new NotifierHarness("poison");
    h.start();
    h.sendRaw(h.topics.names().alerts(), "k".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    h.send(AlertBuilder.alarm().at(T0).build());

    List<ConsumerRecord<byte[], byte[]>> dead = readAll(h.topics.names().alerts() + ".dlq", 1);
    assertThat(header(dead.get(0), DeadLetterHeaders.KIND)).isEqualTo("bad-record");
    assertThat(header(dead.get(0), DeadLetterHeaders.STAGE)).isEqualTo("decode");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(h.topics.names().alerts());
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(dead.get(0), DeadLetterHeaders.ERROR_CLASS)).isNotBlank();
    assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k");
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
    awaitRequests("chat.postMessage", 1);
  }

  @Test
  void aCrashAfterPostingButBeforeCommittingDoesNotPostTwice() throws Exception {
    h = new NotifierHarness("crash");
    AtomicBoolean crashed = new AtomicBoolean();
    NotifierHooks crashOnce = new NotifierHooks() {
      @Override
      public void afterStateWritten(Notification n) {
        if (crashed.compareAndSet(false, true)) {
          throw new IllegalStateException("simulated crash between Slack post and offset commit");
        }
      }
    };
    h.start(h.baseYaml(), Map.of(), crashOnce);
    h.send(AlertBuilder.alarm().at(T0).build());
    awaitRequests("chat.postMessage", 1);
    await().atMost(Duration.ofSeconds(10)).untilTrue(crashed);
    Thread.sleep(500); // let the crashed loop close its consumer
    assertThat(committedOffsets().values()).as("the crash happened before the alert's offset was committed")
        .allMatch(o -> o.offset() == 0);

    h.start(); // same consumer group: the alert is redelivered

    await().atMost(Duration.ofSeconds(30)).until(() -> committedOffsets().values().stream()
        .mapToLong(OffsetAndMetadata::offset).sum() == 1);
    assertThat(h.requests("chat.postMessage")).hasSize(1);

    // the restored incident is edited in place by the restarted instance, not posted anew
    h.send(AlertBuilder.ok().at(T0.plusSeconds(300)).build());
    RecordedRequest update = awaitRequests("chat.update", 1).get(0);
    assertThat(blocks(update).get(0).get("text").get("text").asText()).contains("RESOLVED");
    assertThat(h.requests("chat.postMessage")).hasSize(2); // the original post and the thread reply
  }

  @Test
  void anInstanceTakingOverInARebalanceEditsTheMessageTheOtherPosted() throws Exception {
    h = new NotifierHarness("rebalance");
    var first = h.start();
    h.send(AlertBuilder.alarm().at(T0).build());
    awaitRequests("chat.postMessage", 1);

    h.start(); // a second instance joins the group
    await().atMost(Duration.ofSeconds(30)).until(() -> groupMembers() == 2);
    first.close(); // and takes over every partition
    await().atMost(Duration.ofSeconds(30)).until(() -> groupMembers() == 1);

    h.send(AlertBuilder.ok().at(T0.plusSeconds(300)).build());

    RecordedRequest update = awaitRequests("chat.update", 1).get(0);
    assertThat(blocks(update).get(0).get("text").get("text").asText()).isEqualTo(":white_check_mark: RESOLVED: cpu-high");
    List<RecordedRequest> posts = awaitRequests("chat.postMessage", 2);
    assertThat(posts.get(1).param("thread_ts")).isEqualTo(update.param("ts"));
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> h.requests("chat.postMessage").size() == 2 && h.requests("chat.update").size() == 1);
  }

  @Test
  void postsToOneChannelKeepSlacksOnePerSecondPace() throws Exception {
    h = new NotifierHarness("pace");
    h.start(h.baseYaml().replace("postInterval: 50ms", "postInterval: 1s"), Map.of(), NotifierHooks.NONE);
    for (int i = 0; i < 4; i++) {
      h.send(AlertBuilder.alarm().rule("rule-" + i).at(T0).build());
    }
    List<RecordedRequest> posts = awaitRequests("chat.postMessage", 4);
    for (int i = 1; i < 4; i++) {
      assertThat(Duration.between(posts.get(i - 1).receivedAt(), posts.get(i).receivedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
  }

  private int groupMembers() throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      String group = h.prefix + "-notifier";
      var d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      boolean stable = d.groupState() == org.apache.kafka.common.GroupState.STABLE;
      return stable ? d.members().size() : -1;
    }
  }

  private java.util.Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      var all = admin.listConsumerGroupOffsets(h.prefix + "-notifier").partitionsToOffsetAndMetadata().get();
      var out = new java.util.HashMap<TopicPartition, OffsetAndMetadata>();
      all.forEach((tp, o) -> {
        if (o != null && tp.topic().equals(h.topics.names().alerts())) {
          out.put(tp, o);
        }
      });
      return out;
    }
  }

  private List<RecordedRequest> awaitRequests(String method, int n) {
    await().atMost(Duration.ofSeconds(30)).until(() -> h.requests(method).size() >= n);
    return h.requests(method);
  }

  /** Every record in {@code topic} now (end offsets summed; the topic is written without transactions). */
  private long countAll(String topic) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      var partitions = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      return c.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + java.util.UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
        return out.size() >= atLeast;
      });
    }
    return out;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unused")
  private static AlarmState unused() {
    return AlarmState.OK;
  }
}

package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.slack.SlackText;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.testkit.RealParts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.sns.SnsClient;

/** SNS fan-out and guarded Auto Scaling against moto_server, with Slack on the stand-in. */
class SnsAndScalingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final MotoServer moto = RealParts.moto();
  private NotifierHarness h;
  private SnsClient sns;
  private AutoScalingClient asg;
  private CloudWatchClient cloudWatch;

  @BeforeEach
  void clients() {
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    Region region = Region.of(moto.region());
    sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(creds).build();
    asg = AutoScalingClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(creds).build();
    cloudWatch = CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(creds).build();
  }

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
    sns.close();
    asg.close();
    cloudWatch.close();
  }

  private String awsYaml(String extra) {
    return h.baseYaml() + """
        aws:
          region: %s
          endpoint: %s
        """.formatted(moto.region(), moto.endpoint()) + extra;
  }

  @Test
  void everyTransitionIsPublishedToSnsWithTheAlertContractAndAttributes() throws Exception {
    h = new NotifierHarness("sns");
    String arn = sns.createTopic(r -> r.name(h.prefix)).topicArn();
    NotifierService service = h.start(awsYaml("sns:\n  topicArn: " + arn + "\n"), Map.of(), NotifierHooks.NONE);

    h.send(AlertBuilder.alarm().at("2026-11-25T14:00:00Z").build());
    h.send(AlertBuilder.ok().at("2026-11-25T14:05:00Z").build());

    List<JsonNode> sent = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      sent.clear();
      sent.addAll(sentNotifications(arn));
      return sent.size() >= 2;
    });
    // moto stores [message id, message, subject, attributes, group id]
    JsonNode alarm = JSON.readTree(sent.get(0).get(1).asText());
    assertThat(alarm.get("ruleId").asText()).isEqualTo("cpu-high");
    assertThat(alarm.get("toState").asText()).isEqualTo("ALARM");
    assertThat(alarm.get("transitionTime").asLong()).isEqualTo(Instant.parse("2026-11-25T14:00:00Z").toEpochMilli());
    assertThat(alarm.get("threshold").asDouble()).isEqualTo(80.0);
    assertThat(alarm.get("dimensions").get(0).get("name").asText()).isEqualTo("AutoScalingGroupName");
    assertThat(alarm.get("lineage").get("datapointTimestamps")).hasSize(1);
    List<String> fields = new ArrayList<>();
    alarm.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("alertId", "ruleId", "ruleVersion", "ruleKind", "severity", "labels", "seriesKey",
        "dimensions", "fromState", "toState", "transitionTime", "windowStart", "windowEnd", "observedValues", "comparison",
        "threshold", "expected", "lowerBound", "upperBound", "reason", "reminder", "notifyChannels", "lineage",
        "version", "source", "content");
    assertThat(alarm.get("content").get("title").asText()).isEqualTo("ALARM: cpu-high");
    assertThat(sent.get(0).get(2).asText()).isEqualTo("ALARM: cpu-high");
    JsonNode attributes = sent.get(0).get(3);
    assertThat(attributes.get("severity").get("Value").asText()).isEqualTo("critical");
    assertThat(attributes.get("rule").get("Value").asText()).isEqualTo("cpu-high");
    assertThat(attributes.get("state").get("Value").asText()).isEqualTo("ALARM");
    assertThat(JSON.readTree(sent.get(1).get(1).asText()).get("toState").asText()).isEqualTo("OK");
    // counted once the SDK call has returned, which may be just after moto recorded it
    await().atMost(Duration.ofSeconds(5)).until(() ->
        service.metrics().registry().get("watchstream.notifier.sns.publishes").tag("outcome", "ok").counter().count() == 2.0);
  }

  private static double scalingCount(NotifierService service, String outcome, String reason) {
    return service.metrics().registry().get("watchstream.notifier.scaling.commands")
        .tag("outcome", outcome).tag("reason", reason).counter().count();
  }

  private List<JsonNode> sentNotifications(String arn) throws Exception {
    JsonNode state = JSON.readTree(moto.stateJson());
    List<JsonNode> out = new ArrayList<>();
    JsonNode topics = state.path("sns").path("Topic");
    for (JsonNode topic : topics) {
      if (arn.equals(topic.path("arn").asText())) {
        topic.path("sent_notifications").forEach(out::add);
      }
    }
    return out;
  }

  private void createGroup(String name, int desired) {
    String lc = name + "-lc";
    asg.createLaunchConfiguration(r -> r.launchConfigurationName(lc).imageId("ami-12c6146b").instanceType("t3.micro"));
    asg.createAutoScalingGroup(r -> r.autoScalingGroupName(name).launchConfigurationName(lc)
        .minSize(0).maxSize(20).desiredCapacity(desired).availabilityZones(moto.region() + "a"));
  }

  private int desired(String name) {
    return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0).desiredCapacity();
  }

  private static ScalingCommand command(String key, String group, ScalingAction action, Integer amount, String series) {
    return ScalingCommand.newBuilder().setIdempotencyKey(key).setAutoScalingGroup(group).setAction(action)
        .setAmount(amount).setPolicyName(null).setReason("CPU above 80% on 3 of 3 datapoints").setRuleId("cpu-high")
        .setRuleVersion(3).setSeriesKey(series).setTriggerTime(Instant.now()).setDryRun(false).build();
  }

  private String scalingYaml(String web, String capped, String dry, String channel) {
    return awsYaml("""
        scaling:
          enabled: true
          warmup: 8s
          slackChannel: "%s"
          groups:
            %s: {min: 1, max: 10, cooldown: 1h}
            %s: {min: 1, max: 3, cooldown: 0s}
            %s: {min: 1, max: 10, cooldown: 0s, dryRun: true}
        """.formatted(channel, web, capped, dry));
  }

  /** The scaling messages as read: without the zero-width spaces the escaper puts after dots and colons. */
  private List<String> scalingTexts() {
    return h.requests("chat.postMessage").stream().map(r -> r.param("text").orElse("").replace(SlackText.ZWSP, "")).toList();
  }

  @Test
  void scalingIsOptInBoundedCooledDownAndReportsWhetherItHelped() throws Exception {
    h = new NotifierHarness("scale");
    String web = h.prefix + "-web";
    String capped = h.prefix + "-capped";
    String dry = h.prefix + "-dry";
    String db = h.prefix + "-db";
    for (String g : List.of(web, capped, dry, db)) {
      createGroup(g, 2);
    }
    String series = "AWS/EC2/CPUUtilization{AutoScalingGroupName=" + web + "}/Average/60";
    Instant now = Instant.now();
    cloudWatch.putMetricData(r -> r.namespace("AWS/EC2").metricData(d -> d.metricName("CPUUtilization")
        .dimensions(x -> x.name("AutoScalingGroupName").value(web)).timestamp(now.minusSeconds(90)).value(92.0)
        .unit(StandardUnit.PERCENT)));
    NotifierService service = h.start(scalingYaml(web, capped, dry, h.channel), Map.of(), NotifierHooks.NONE);

    h.send(command("k-web-1", web, ScalingAction.CHANGE_CAPACITY, 1, series));
    await().atMost(Duration.ofSeconds(30)).until(() -> desired(web) == 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> scalingTexts().stream().anyMatch(t -> t.contains("Scaling `" + web + "` 2 → 3")));
    // during the warm-up the metric recovers and the alert resolves
    cloudWatch.putMetricData(r -> r.namespace("AWS/EC2").metricData(d -> d.metricName("CPUUtilization")
        .dimensions(x -> x.name("AutoScalingGroupName").value(web)).timestamp(Instant.now()).value(41.0)
        .unit(StandardUnit.PERCENT)));
    h.send(AlertBuilder.ok().dimensions(Map.of("AutoScalingGroupName", web)).rule("cpu-high").build());

    // a second change while the first is in flight is refused
    h.send(command("k-web-2", web, ScalingAction.CHANGE_CAPACITY, 5, series));
    // not opted in: never touched
    h.send(command("k-db-1", db, ScalingAction.CHANGE_CAPACITY, 1, series));
    // above the allowlist's max of 3: clamped
    h.send(command("k-capped-1", capped, ScalingAction.SET_DESIRED, 10, series));
    // dry run: reported, not executed
    h.send(command("k-dry-1", dry, ScalingAction.CHANGE_CAPACITY, 2, series));
    // redelivered command: executed at most once
    h.send(command("k-capped-1", capped, ScalingAction.SET_DESIRED, 10, series));

    await().atMost(Duration.ofSeconds(30)).until(() -> desired(capped) == 3);
    await().atMost(Duration.ofSeconds(30)).until(() -> scalingTexts().stream().anyMatch(t -> t.contains("Dry run")));
    assertThat(desired(web)).isEqualTo(3);
    assertThat(desired(db)).isEqualTo(2);
    assertThat(desired(dry)).isEqualTo(2);
    List<String> texts = scalingTexts();
    assertThat(texts).anyMatch(t -> t.startsWith(":no_entry: Refused to scale `" + web + "` (another change (2 → 3) is still in flight"));
    assertThat(texts).anyMatch(t -> t.startsWith(":no_entry: Refused to scale `" + db + "` (group is not on the scaling allowlist (opt-in))"));
    assertThat(texts).anyMatch(t -> t.startsWith(":arrows_counterclockwise: Scaling `" + capped + "` 2 → 3 (executed (wanted 10, clamped to bounds 1..3))"));
    assertThat(texts).anyMatch(t -> t.startsWith(":test_tube: Dry run: would scale `" + dry + "` 2 → 4 (dry-run)"));
    assertThat(texts.stream().filter(t -> t.contains("`" + capped + "`"))).hasSize(1);
    // the same decisions on /metrics, by outcome and reason; the redelivered command is not counted again
    assertThat(scalingCount(service, "executed", "none")).isEqualTo(2.0);
    assertThat(scalingCount(service, "dry_run", "none")).isEqualTo(1.0);
    assertThat(scalingCount(service, "refused", "in_flight")).isEqualTo(1.0);
    assertThat(scalingCount(service, "refused", "not_allowlisted")).isEqualTo(1.0);

    await().atMost(Duration.ofSeconds(30)).until(() -> scalingTexts().stream().anyMatch(t -> t.startsWith("Scaled `" + web)));
    assertThat(scalingTexts()).contains("Scaled `" + web + "` 2 → 3: CPUUtilization fell from 92 to 41, alert `cpu-high` is OK — it helped.");
    RecordedRequest any = h.requests("chat.postMessage").get(0);
    assertThat(any.param("channel")).contains(h.channel);
  }

  @Test
  void aNamedSimplePolicyIsExecutedWhenItsResultFitsTheBoundsAndClampedWhenNot() throws Exception {
    h = new NotifierHarness("policy");
    String fits = h.prefix + "-fits";
    String over = h.prefix + "-over";
    createGroup(fits, 2);
    createGroup(over, 2);
    for (String g : List.of(fits, over)) {
      // moto keys policies by name alone (AWS scopes them per group), so each group gets its own name
      asg.putScalingPolicy(r -> r.autoScalingGroupName(g).policyName(g + "-add-two").policyType("SimpleScaling")
          .adjustmentType("ChangeInCapacity").scalingAdjustment(2));
    }
    h.start(awsYaml("""
        scaling:
          enabled: true
          warmup: 1h
          groups:
            %s: {min: 1, max: 10, cooldown: 0s}
            %s: {min: 1, max: 3, cooldown: 0s}
        """.formatted(fits, over)), Map.of(), NotifierHooks.NONE);
    String series = "AWS/EC2/CPUUtilization{AutoScalingGroupName=x}/Average/60";

    h.send(policyCommand("p-fits", fits, series));
    h.send(policyCommand("p-over", over, series));

    await().atMost(Duration.ofSeconds(30)).until(() -> desired(fits) == 4 && desired(over) == 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> scalingTexts().size() >= 2);
    assertThat(scalingTexts()).anyMatch(t -> t.startsWith(":arrows_counterclockwise: Scaling `" + fits + "` 2 → 4 (executed)"))
        .anyMatch(t -> t.startsWith(":arrows_counterclockwise: Scaling `" + over + "` 2 → 3 (executed (wanted 4, clamped to bounds 1..3))"));
  }

  private static ScalingCommand policyCommand(String key, String group, String series) {
    return ScalingCommand.newBuilder().setIdempotencyKey(key).setAutoScalingGroup(group)
        .setAction(ScalingAction.EXECUTE_POLICY).setAmount(null).setPolicyName(group + "-add-two")
        .setReason("CPU above 80%").setRuleId("cpu-high").setRuleVersion(3).setSeriesKey(series)
        .setTriggerTime(Instant.now()).setDryRun(false).build();
  }
}

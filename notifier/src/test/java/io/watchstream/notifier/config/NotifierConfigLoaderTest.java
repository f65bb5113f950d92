package io.watchstream.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigLoaderTest {

  /** Bot mode, the default, needs its token to load. */
  private static final Map<String, String> TOKEN = Map.of("SLACK_BOT_TOKEN", "xoxb-test");

  @Test
  void theExampleFileParsesWithItsDocumentedValues() {
    NotifierConfig c = NotifierConfigLoader.load(Path.of("notifier.example.yaml"), TOKEN);
    assertThat(c.slack().mode()).isEqualTo(NotifierConfig.SlackMode.BOT);
    assertThat(c.slack().token()).isEqualTo(new NotifierConfig.SecretRef("SLACK_BOT_TOKEN", "/run/secrets/slack-bot-token"));
    assertThat(c.routing().routes()).hasSize(2);
    assertThat(c.routing().routes().get(0).continueMatching()).isTrue();
    assertThat(c.noise().groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.noise().flapWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.scaling().groups().get("web-asg").max()).isEqualTo(10);
    assertThat(c.scaling().dryRun()).isTrue();
    assertThat(c.stateRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.kafka().deadLetterTopic()).isEqualTo("alerts.dlq");
    assertThat(c.ops()).isEqualTo(new NotifierConfig.Ops("0.0.0.0", 9465));
  }

  @Test
  void healthPortDefaultsTo9465AndTheEnvironmentOverridesIt() {
    assertThat(NotifierConfigLoader.parse("routing: {defaultChannel: '#a'}\n", TOKEN).ops().httpPort()).isEqualTo(9465);
    assertThat(NotifierConfigLoader.parse("routing: {defaultChannel: '#a'}\nops: {httpPort: 9000}\n",
        Map.of("WATCHSTREAM_NOTIFIER_HTTP_PORT", "19465", "SLACK_BOT_TOKEN", "xoxb-test")).ops().httpPort()).isEqualTo(19465);
    assertThat(NotifierConfigLoader.parse("routing: {defaultChannel: '#a'}\n", Map.of("WATCHSTREAM_NOTIFIER_HTTP_PORT", "-1", "SLACK_BOT_TOKEN", "xoxb-test"))
        .ops().httpPort()).isEqualTo(-1);
    assertThatThrownBy(() -> NotifierConfigLoader.parse("routing: {defaultChannel: '#a'}\nops: {httpPort: 70000}\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ops.httpPort");
  }

  @Test
  void configurationsBuiltInCodeGetAnyFreePortSoEmbeddedInstancesDoNotCollide() {
    NotifierConfig c = new NotifierConfig(null, null, null, null, null, null, null, null);
    assertThat(c.ops().httpPort()).isZero();
    assertThat(c.withHttpPort(-1).ops()).isEqualTo(new NotifierConfig.Ops("0.0.0.0", -1));
  }

  @Test
  void environmentOverridesWin() {
    NotifierConfig c = NotifierConfigLoader.parse("routing: {defaultChannel: '#a'}\n", Map.of(
        "WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
        "WATCHSTREAM_TOPIC_ALERTS", "prod.alerts",
        "WATCHSTREAM_SLACK_MODE", "bot",
        "WATCHSTREAM_SNS_TOPIC_ARN", "arn:aws:sns:eu-west-1:1:t",
        "WATCHSTREAM_SCALING_DRY_RUN", "true",
        "SLACK_BOT_TOKEN", "xoxb-test"));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("broker:9093");
    assertThat(c.kafka().alertsTopic()).isEqualTo("prod.alerts");
    assertThat(c.kafka().deadLetterTopic()).isEqualTo("prod.alerts.dlq");
    assertThat(c.sns().topicArn()).isEqualTo("arn:aws:sns:eu-west-1:1:t");
    assertThat(c.scaling().dryRun()).isTrue();
  }

  @Test
  void misspeltKeysAreErrors() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse("routing: {defaultChanel: '#a'}\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("defaultChanel");
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse("slack: {mode: webhook}\nrouting: {defaultChannel: '#a'}\n", Map.of()))
        .hasMessageContaining("webhook");
    assertThatThrownBy(() -> NotifierConfigLoader.parse("scaling: {groups: {web: {min: 3, max: 2}}}\nrouting: {defaultChannel: '#a'}\n",
        Map.of())).hasMessageContaining("min <= max");
    assertThatThrownBy(() -> NotifierConfigLoader.parse("noise: {groupWait: soon}\nrouting: {defaultChannel: '#a'}\n", Map.of()))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> NotifierConfigLoader.parse("kafka: {groupId: x}\n", Map.of()))
        .hasMessageContaining("defaultChannel");
  }

  @Test
  void durationsReadTheWayPeopleWriteThem() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("4h")).isEqualTo(Duration.ofHours(4));
    assertThat(Durations.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
  }
}

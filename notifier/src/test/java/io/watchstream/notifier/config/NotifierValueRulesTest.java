package io.watchstream.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each value rule of the README's notifier reference, refused with its field located, and the secret rules. */
class NotifierValueRulesTest {

  private static final Map<String, String> TOKEN = Map.of("SLACK_BOT_TOKEN", "xoxb-test");
  private static final String ROUTING = "routing: {defaultChannel: '#a'}\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ops: {httpPort: -2}                                 | <inline>:2:7: ops.httpPort: must be a port number 1-65535, 0 for any free port or -1 for none
      ops: {httpPort: 65536}                              | <inline>:2:7: ops.httpPort: must be a port number 1-65535, 0 for any free port or -1 for none
      noise: {flapMaxFlips: 0}                            | <inline>:2:9: noise.flapMaxFlips: must be at least 1
      noise: {groupWait: PT-1S}                           | <inline>:2:9: noise.groupWait: must not be negative
      noise: {repeatInterval: 0s}                         | <inline>:2:9: noise.repeatInterval: must be longer than zero
      noise: {flapWindow: 0s}                             | <inline>:2:9: noise.flapWindow: must be longer than zero
      noise: {flapQuiet: PT-1M}                           | <inline>:2:9: noise.flapQuiet: must not be negative
      slack: {postInterval: PT-1S}                        | <inline>:2:9: slack.postInterval: must not be negative
      slack: {retry: {initialBackoff: 0s}}                | <inline>:2:17: slack.retry.initialBackoff: must be longer than zero
      slack: {retry: {initialBackoff: 2m, maxBackoff: 1m}} | <inline>:2:37: slack.retry.maxBackoff: must not be shorter than slack.retry.initialBackoff
      slack: {retry: {maxRetryAfter: 0s}}                 | <inline>:2:17: slack.retry.maxRetryAfter: must be longer than zero
      stateRetention: 0s                                  | <inline>:2:1: stateRetention: must be longer than zero
      scaling: {warmup: PT-1M}                            | <inline>:2:11: scaling.warmup: must not be negative
      scaling: {groups: {web: {min: -1, max: 2}}}         | <inline>:2:20: scaling.groups.web: needs 0 <= min <= max
      scaling: {groups: {web: {min: 3, max: 2}}}          | <inline>:2:20: scaling.groups.web: needs 0 <= min <= max
      scaling: {groups: {web: {max: 2, cooldown: PT-1S}}} | <inline>:2:34: scaling.groups.web.cooldown: must not be negative
      """)
  void aValueOutsideItsRangeIsRefusedAtItsField(String yaml, String expected) {
    assertThat(problem(ROUTING + yaml + "\n", TOKEN)).isEqualTo(expected);
  }

  @Test
  void theBoundsOfEachRangeLoad() {
    NotifierConfig c = NotifierConfigLoader.parse(ROUTING + "ops: {httpPort: 65535}\nnoise: {groupWait: 0s, flapMaxFlips: 1}\n"
        + "scaling: {warmup: 0s, groups: {web: {min: 0, max: 0, cooldown: 0s}}}\nslack: {postInterval: 0s}\n", TOKEN);
    assertThat(c.ops().httpPort()).isEqualTo(65535);
    assertThat(NotifierConfigLoader.parse(ROUTING + "ops: {httpPort: -1}\n", TOKEN).ops().httpPort()).isEqualTo(-1);
    assertThat(NotifierConfigLoader.parse(ROUTING + "ops: {httpPort: 0}\n", TOKEN).ops().httpPort()).isZero();
  }

  @Test
  void aBadPortFromTheEnvironmentNamesTheVariable() {
    assertThat(problem(ROUTING, Map.of("SLACK_BOT_TOKEN", "x", "WATCHSTREAM_NOTIFIER_HTTP_PORT", "-7")))
        .isEqualTo("env WATCHSTREAM_NOTIFIER_HTTP_PORT: ops.httpPort: must be a port number 1-65535, 0 for any free port or -1 for none");
  }

  @Test
  void anEmptyTokenVariableIsAProblemAtItsReference() {
    assertThat(problem("slack: {token: {env: MY_TOKEN}}\n" + ROUTING, Map.of("MY_TOKEN", "  ")))
        .isEqualTo("<inline>:1:17: slack.token.env: environment variable MY_TOKEN is empty");
  }

  @Test
  void theVariableWinsOverTheFileAndTheFileIsReadWhenTheVariableIsUnset(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "xoxb-from-file\n");
    String yaml = "slack: {token: {env: MY_TOKEN, file: '" + file + "'}}\n" + ROUTING;
    NotifierConfig c = NotifierConfigLoader.parse(yaml, Map.of());
    assertThat(SlackSecrets.resolve(c.slack(), Map.of()).secrets().token().reveal()).isEqualTo("xoxb-from-file");
    assertThat(SlackSecrets.resolve(c.slack(), Map.of("MY_TOKEN", "xoxb-env")).secrets().token().reveal()).isEqualTo("xoxb-env");
    assertThat(SlackSecrets.resolve(c.slack(), Map.of()).secrets().toString()).doesNotContain("xoxb");
  }

  @Test
  void webhookModeDoesNotNeedTheToken() {
    NotifierConfig c = NotifierConfigLoader.parse("slack: {mode: webhook, defaultWebhook: {env: HOOK}}\n" + ROUTING,
        Map.of("HOOK", "https://example.invalid/hook"));
    assertThat(c.slack().mode()).isEqualTo(NotifierConfig.SlackMode.WEBHOOK);
  }

  @Test
  void everyMissingWebhookIsReportedAtOnce() {
    assertThatThrownBy(() -> NotifierConfigLoader.parse("slack:\n  mode: webhook\n  webhooks:\n    '#a': {env: A}\n"
        + "    '#b': {file: /nonexistent/b}\n" + ROUTING, Map.of()))
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString).containsExactly(
            "<inline>:4:12: slack.webhooks.#a.env: environment variable A is not set (slack.mode webhook needs this secret)",
            "<inline>:5:12: slack.webhooks.#b.file: the secret file does not exist"));
  }

  @Test
  void theSilenceToolLoadsWithoutTheSecrets(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("notifier.yaml"), "slack: {token: {file: /nonexistent/t}}\n" + ROUTING);
    assertThat(NotifierConfigLoader.loadSettings(file, Map.of()).slack().token().file()).isEqualTo("/nonexistent/t");
    assertThatThrownBy(() -> NotifierConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("slack.token.file: the secret file does not exist");
  }

  private static String problem(String yaml, Map<String, String> env) {
    try {
      NotifierConfigLoader.parse(yaml, env);
    } catch (ConfigException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().get(0).toString();
    }
    throw new AssertionError("loaded: " + yaml);
  }
}

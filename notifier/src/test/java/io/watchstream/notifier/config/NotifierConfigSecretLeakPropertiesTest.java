package io.watchstream.notifier.config;

import io.watchstream.testkit.SecretLeaks;
import io.watchstream.testkit.SecretLeaks.Input;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No error path of the notifier config loader shows a Slack token or webhook (see {@link SecretLeaks}): not when it
 * is written inline, not when it is read from the environment or a file next to another problem, not once loaded.
 */
class NotifierConfigSecretLeakPropertiesTest {

  @Property(tries = 20) // every try runs every error path: the paths, not the tries, give the coverage
  void noErrorPathShowsTheSecret(@ForAll("secrets") String secret) {
    SecretLeaks.assertNeverShown(new NotifierLoader(), secret);
  }

  @Provide
  Arbitrary<String> secrets() {
    return SecretLeaks.secrets();
  }

  /** The notifier loader; what it loads is shown with the Slack secrets it resolved. */
  static final class NotifierLoader implements SecretLeaks.Loader {

    private static final String ROUTING = "routing:\n  defaultChannel: \"#alerts\"\n";

    @Override
    public List<Input> inputs(String s) {
      String secretFile = secretFile(s).toString();
      Map<String, String> tokenEnv = Map.of("SLACK_BOT_TOKEN", s);
      return List.of(
          Input.yaml("inline token", "slack:\n  token: " + s + "\n" + ROUTING),
          Input.yaml("inline token, quoted", "slack:\n  token: '" + s + "'\n" + ROUTING),
          Input.yaml("inline webhook", "slack:\n  mode: webhook\n  webhooks:\n    \"#alerts\": " + s + "\n" + ROUTING),
          Input.yaml("inline default webhook", "slack:\n  mode: webhook\n  defaultWebhook: " + s + "\n" + ROUTING),
          Input.yaml("unknown key in a secret reference", "slack:\n  token: { value: " + s + " }\n" + ROUTING),
          Input.yaml("unknown key", ROUTING + "slack:\n  signingSecret: " + s + "\n"),
          Input.yaml("secret in a list", "slack:\n  token: [" + s + "]\n" + ROUTING),
          Input.yaml("secret in a list of routes", "routing:\n  routes:\n    - " + s + "\n"),
          Input.yaml("wrong type: number", ROUTING + "ops:\n  httpPort: " + s + "\n"),
          Input.yaml("wrong type: duration", ROUTING + "noise:\n  groupWait: " + s + "\n"),
          Input.yaml("wrong type: mode", ROUTING + "slack:\n  mode: " + s + "\n"),
          Input.yaml("wrong type: boolean", ROUTING + "scaling:\n  enabled: " + s + "\n"),
          Input.yaml("wrong type: secret reference field", "slack:\n  token: { env: [" + s + "] }\n" + ROUTING),
          Input.yaml("bad env override: port", ROUTING, Map.of("WATCHSTREAM_NOTIFIER_HTTP_PORT", s)),
          Input.yaml("bad env override: mode", ROUTING, Map.of("WATCHSTREAM_SLACK_MODE", s)),
          Input.yaml("bad env override: boolean", ROUTING, Map.of("WATCHSTREAM_SCALING_DRY_RUN", s)),
          Input.yaml("validator error, token in the environment", "noise:\n  flapMaxFlips: 0\n", tokenEnv),
          Input.yaml("validator error, token in a file", "slack:\n  token: { file: '" + secretFile + "' }\nops:\n  httpPort: -7\n"),
          Input.yaml("missing webhook beside one read from a file", "slack:\n  mode: webhook\n  webhooks:\n"
              + "    \"#a\": { file: '" + secretFile + "' }\n    \"#b\": { env: UNSET_WEBHOOK }\n" + ROUTING),
          Input.yaml("syntax error: unterminated quote", ROUTING + "slack:\n  token: \"" + s + "\n"),
          Input.yaml("syntax error: unclosed flow", ROUTING + "slack:\n  token: { env: " + s + "\n"),
          Input.yaml("syntax error: tab on the secret's line", ROUTING + "slack:\n\ttoken: " + s + "\n"),
          Input.yaml("duplicate key", "slack:\n  token: " + s + "\n  token: " + s + "\n" + ROUTING),
          Input.yaml("anchor and alias", "slack:\n  mode: webhook\n  webhooks:\n    \"#a\": &w " + s + "\n    \"#b\": *w\n" + ROUTING),
          Input.yaml("second document", ROUTING + "---\nslack: { token: " + s + " }\n"),
          Input.yaml("valid: token from the environment", ROUTING, tokenEnv),
          Input.yaml("valid: token from a file", "slack:\n  token: { file: '" + secretFile + "' }\n" + ROUTING),
          Input.yaml("valid: webhooks from a file and the environment", "slack:\n  mode: webhook\n  webhooks:\n"
              + "    \"#a\": { file: '" + secretFile + "' }\n  defaultWebhook: { env: SLACK_BOT_TOKEN }\n" + ROUTING, tokenEnv));
    }

    @Override
    public Object load(Path file, Map<String, String> env) {
      NotifierConfig config = NotifierConfigLoader.load(file, env);
      return List.of(config, SlackSecrets.resolve(config.slack(), env).secrets());
    }

    private static Path secretFile(String secret) {
      try {
        Path f = Files.createTempFile("slack-secret", ".txt");
        f.toFile().deleteOnExit();
        return Files.writeString(f, secret + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

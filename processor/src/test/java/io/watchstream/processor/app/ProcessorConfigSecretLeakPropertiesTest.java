package io.watchstream.processor.app;

import io.watchstream.testkit.SecretLeaks;
import io.watchstream.testkit.SecretLeaks.Input;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No error path of the processor config loader shows a value that might be a secret (see {@link SecretLeaks}). */
class ProcessorConfigSecretLeakPropertiesTest {

  @Property(tries = 20) // every try runs every error path: the paths, not the tries, give the coverage
  void noErrorPathShowsTheSecret(@ForAll("secrets") String secret) {
    SecretLeaks.assertNeverShown(new ProcessorLoader(), secret);
  }

  @Provide
  Arbitrary<String> secrets() {
    return SecretLeaks.secrets();
  }

  /** The processor's config loader, with the secret in every place an error path reads. */
  static final class ProcessorLoader implements SecretLeaks.Loader {

    @Override
    public List<Input> inputs(String s) {
      return List.of(
          Input.yaml("unknown key", "kafka:\n  saslPassword: " + s + "\n"),
          Input.yaml("unknown section", "credentials: { password: " + s + " }\n"),
          Input.yaml("wrong type: number", "kafka:\n  streamThreads: " + s + "\n"),
          Input.yaml("wrong type: duration", "kafka:\n  commitInterval: " + s + "\n"),
          Input.yaml("wrong type: bound", "evaluation:\n  maxFutureSkew: " + s + "\n"),
          Input.yaml("wrong type: section", "ops: " + s + "\n"),
          Input.yaml("secret in a list", "topics: [" + s + "]\n"),
          Input.yaml("secret in a list for a path", "rulesFile: [" + s + "]\n"),
          Input.yaml("validator error beside the secret", "topics:\n  metrics: " + s + "\nevaluation:\n  interval: 0s\n"),
          Input.yaml("bad env override: number", "", Map.of("WATCHSTREAM_STREAM_THREADS", s)),
          Input.yaml("bad env override: duration", "", Map.of("WATCHSTREAM_COMMIT_INTERVAL", s)),
          Input.yaml("bad env override: bound", "", Map.of("WATCHSTREAM_MAX_PAST_AGE", s)),
          Input.yaml("syntax error: unterminated quote", "kafka:\n  applicationId: \"" + s + "\n"),
          Input.yaml("syntax error: unclosed flow", "kafka: { applicationId: " + s + "\n"),
          Input.yaml("syntax error: tab on the secret's line", "kafka:\n\tapplicationId: " + s + "\n"),
          Input.yaml("duplicate key", "kafka:\n  applicationId: " + s + "\n  applicationId: " + s + "\n"),
          Input.yaml("anchor and alias", "kafka:\n  applicationId: &a " + s + "\n  bootstrapServers: *a\n"),
          Input.yaml("second document", "kafka: {}\n---\n" + s + "\n"),
          Input.yaml("not a mapping", s + "\n"));
    }

    @Override
    public Object load(Path file, Map<String, String> env) {
      return ProcessorConfigLoader.load(file, env);
    }
  }
}

package io.watchstream.ingest.config;

import io.watchstream.testkit.SecretLeaks;
import io.watchstream.testkit.SecretLeaks.Input;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No error path of the ingest config loader shows a value that might be a secret (see {@link SecretLeaks}). */
class IngestConfigSecretLeakPropertiesTest {

  @Property(tries = 20) // every try runs every error path: the paths, not the tries, give the coverage
  void noErrorPathShowsTheSecret(@ForAll("secrets") String secret) {
    SecretLeaks.assertNeverShown(new IngestLoader(), secret);
  }

  @Provide
  Arbitrary<String> secrets() {
    return SecretLeaks.secrets();
  }

  /** The ingest loader, with the secret in every place an error path reads. */
  static final class IngestLoader implements SecretLeaks.Loader {

    private static final String SELECTOR = "metrics:\n  selectors:\n    - { namespace: AWS/EC2, metricName: CPUUtilization }\n";

    @Override
    public List<Input> inputs(String s) {
      return List.of(
          Input.yaml("unknown key", SELECTOR + "kafka:\n  saslPassword: " + s + "\n"),
          Input.yaml("unknown key, quoted", SELECTOR + "aws:\n  secretAccessKey: \"" + s + "\"\n"),
          Input.yaml("wrong type: number", SELECTOR + "http:\n  port: " + s + "\n"),
          Input.yaml("wrong type: duration", "metrics:\n  pollInterval: " + s + "\n  selectors: []\n"),
          Input.yaml("wrong type: boolean", SELECTOR + "kafka:\n  createTopics: " + s + "\n"),
          Input.yaml("wrong type: section", SELECTOR + "aws: " + s + "\n"),
          Input.yaml("wrong type: list", SELECTOR + "logs:\n  sources: " + s + "\n"),
          Input.yaml("secret in a list of mappings", "metrics:\n  selectors:\n    - " + s + "\n"),
          Input.yaml("secret in a list of names", "metrics:\n  selectors:\n    - { namespace: N, metricName: M, statistics: [" + s + "] }\n"),
          Input.yaml("secret as a dimension pattern with a validator error",
              "metrics:\n  selectors:\n    - { namespace: N, metricName: M, period: 7, dimensions: { Key: " + s + " } }\n"),
          Input.yaml("secret in a filter pattern", "logs:\n  sources:\n    - { logGroup: g, filterPattern: '\"" + s + "' }\n"),
          Input.yaml("validator error beside the secret", "instanceId: " + s + "\nshard: { index: 3, count: 2 }\n" + SELECTOR),
          Input.yaml("producer secret beside a validator error", "kafka:\n  partitions: 0\n  producer:\n    sasl.jaas.config: " + s + "\n" + SELECTOR),
          Input.yaml("producer secret, valid", SELECTOR + "kafka:\n  producer:\n    ssl.key.password: " + s + "\n"),
          Input.yaml("bad env override", SELECTOR, Map.of("WATCHSTREAM_INGEST_HTTP_PORT", s)),
          Input.yaml("bad env override beside a validator error", "shard: { count: 0 }\n" + SELECTOR,
              Map.of("WATCHSTREAM_INGEST_SHARD_INDEX", s)),
          Input.yaml("syntax error: unterminated quote", SELECTOR + "kafka:\n  bootstrapServers: \"" + s + "\n"),
          Input.yaml("syntax error: unclosed flow", SELECTOR + "kafka: { bootstrapServers: " + s + "\n"),
          Input.yaml("syntax error: tab on the secret's line", SELECTOR + "kafka:\n\tbootstrapServers: " + s + "\n"),
          Input.yaml("syntax error: mapping in a scalar", SELECTOR + "kafka:\n  bootstrapServers: " + s + ": x: y\n"),
          Input.yaml("duplicate key", SELECTOR + "kafka:\n  bootstrapServers: " + s + "\n  bootstrapServers: " + s + "\n"),
          Input.yaml("anchor and alias", SELECTOR + "kafka:\n  bootstrapServers: &a " + s + "\n  schemaRegistryUrl: *a\n"),
          Input.yaml("second document", SELECTOR + "---\n" + s + "\n"),
          Input.yaml("not a mapping", s + "\n"),
          new Input("not UTF-8", (SELECTOR + "kafka:\n  bootstrapServers: " + s + "\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), Map.of()));
    }

    @Override
    public Object load(Path file, Map<String, String> env) {
      return IngestConfigLoader.load(file, env);
    }
  }
}

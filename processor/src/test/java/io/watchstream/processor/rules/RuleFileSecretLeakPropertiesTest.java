package io.watchstream.processor.rules;

import io.watchstream.testkit.SecretLeaks;
import io.watchstream.testkit.SecretLeaks.Input;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No error path of the rule-file loader shows a value from the file (see {@link SecretLeaks}): rule files hold no
 * secrets, but a token pasted into the wrong file would otherwise reach CI logs through {@code rules validate}.
 */
class RuleFileSecretLeakPropertiesTest {

  private static final String RULE = """
      rules:
        - id: cpu
          kind: threshold
          metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
          comparison: ">"
          threshold: 80
      """;

  @Property(tries = 20) // every try runs every error path: the paths, not the tries, give the coverage
  void noErrorPathShowsTheSecret(@ForAll("secrets") String secret) {
    SecretLeaks.assertNeverShown(new RuleLoader(), secret);
  }

  @Provide
  Arbitrary<String> secrets() {
    return SecretLeaks.secrets();
  }

  /** The rule-file loader, with the value in every place an error path reads. */
  static final class RuleLoader implements SecretLeaks.Loader {

    @Override
    public List<Input> inputs(String s) {
      String q = "\"" + s + "\"";
      return List.of(
          Input.yaml("unknown key", RULE + "    token: " + q + "\n"),
          Input.yaml("unknown top-level key", "token: " + q + "\n" + RULE),
          Input.yaml("unknown kind", RULE.replace("kind: threshold", "kind: " + q)),
          Input.yaml("wrong type: number", RULE.replace("threshold: 80", "threshold: " + q)),
          Input.yaml("wrong type: count", RULE + "    evaluationPeriods: " + q + "\n"),
          Input.yaml("wrong type: duration", RULE + "    period: " + q + "\n"),
          Input.yaml("wrong type: mapping", RULE.replace("metric: {", "labels: " + q + "\n    metric: {")),
          Input.yaml("bad statistic", RULE + "    statistic: " + q + "\n"),
          Input.yaml("bad comparison", RULE.replace("comparison: \">\"", "comparison: " + q)),
          Input.yaml("bad severity", RULE + "    severity: " + q + "\n"),
          Input.yaml("bad treatMissingData", RULE + "    treatMissingData: " + q + "\n"),
          Input.yaml("bad scaling type", RULE + "    actions: { scaling: { autoScalingGroup: web, onAlarm: { type: " + q
              + ", amount: 1 } } }\n"),
          Input.yaml("id that is not an id", RULE.replace("id: cpu", "id: \"" + s + " !\"")),
          Input.yaml("duplicate key", RULE.replace("threshold: 80", "threshold: " + q + "\n    threshold: 80")),
          Input.yaml("anchor and alias", RULE.replace("name: CPUUtilization", "name: &n " + q) + "    description: *n\n"),
          Input.yaml("syntax error: unterminated quote", RULE + "    description: \"" + s + "\n"),
          Input.yaml("syntax error: unclosed flow", RULE + "    labels: { team: " + s + "\n"),
          Input.yaml("syntax error: tab on the value's line", RULE + "\tdescription: " + s + "\n"),
          Input.yaml("second document", RULE + "---\n" + s + "\n"),
          Input.yaml("not a list of rules", "rules: " + q + "\n"),
          Input.yaml("a list item that is not a rule", "rules:\n  - " + q + "\n"),
          Input.yaml("validator error beside the value", RULE.replace("threshold: 80", "threshold: 1e400")
              + "    description: " + q + "\n"));
    }

    @Override
    public Object load(Path file, Map<String, String> env) throws Exception {
      return new RuleFileLoader().load(file);
    }
  }
}

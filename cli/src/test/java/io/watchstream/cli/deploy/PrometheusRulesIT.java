package io.watchstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.watchstream.sandbox.Promtool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/prometheus}: Prometheus's own {@code promtool} (Debian package, installed when missing) accepts the
 * alerting rules and the example scrape config, and the rules' unit tests pass (each alert fires on the series it is
 * for, none fires on a healthy deployment). Every alert is one an on-call engineer can act on: a {@code for:}, a
 * severity of critical or warning, a summary and a description, and a row in the README's table.
 */
class PrometheusRulesIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DIR = IamPoliciesTest.root().resolve("deploy/prometheus");

  @Test
  void promtoolAcceptsTheRulesAndTheExampleConfig() {
    Promtool.Result rules = Promtool.run(DIR, "check", "rules", "watchstream-alerts.yml");
    assertThat(rules.ok()).as(rules.output()).isTrue();
    Promtool.Result config = Promtool.run(DIR, "check", "config", "prometheus.yml");
    assertThat(config.ok()).as(config.output()).isTrue();
    assertThat(config.output()).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void everyAlertFiresOnItsSeriesAndNoneOnAHealthyDeployment() throws IOException {
    Promtool.Result tests = Promtool.run(DIR, "test", "rules", "watchstream-alerts.test.yml");
    assertThat(tests.ok()).as(tests.output()).isTrue();
    JsonNode testFile = YAML.readTree(DIR.resolve("watchstream-alerts.test.yml").toFile());
    List<String> firing = new ArrayList<>();
    for (JsonNode test : testFile.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        if (!check.path("exp_alerts").isEmpty()) {
          firing.add(check.path("alertname").asText());
        }
      }
    }
    assertThat(firing).as("alerts shown firing by a unit test").containsExactlyInAnyOrderElementsOf(alertNames());
  }

  @Test
  void everyAlertHasAForSeveritySummaryRunbookAndAReadmeRow() throws IOException {
    String readme = Files.readString(IamPoliciesTest.root().resolve("README.md"), StandardCharsets.UTF_8);
    for (JsonNode rule : rules()) {
      String name = rule.path("alert").asText();
      assertThat(rule.path("for").asText()).as(name + " for").matches("[1-9][0-9]*m");
      assertThat(rule.at("/labels/severity").asText()).as(name + " severity").isIn("critical", "warning");
      assertThat(rule.at("/annotations/summary").asText()).as(name + " summary").isNotBlank();
      assertThat(rule.at("/annotations/description").asText().length()).as(name + " description").isGreaterThan(80);
      assertThat(readme).as("README row for " + name).contains("| `" + name + "` |");
    }
    assertThat(rules()).hasSizeGreaterThanOrEqualTo(20);
  }

  private static List<String> alertNames() throws IOException {
    return rules().stream().map(r -> r.path("alert").asText()).toList();
  }

  private static List<JsonNode> rules() throws IOException {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : YAML.readTree(DIR.resolve("watchstream-alerts.yml").toFile()).path("groups")) {
      group.path("rules").forEach(rules::add);
    }
    return rules;
  }
}

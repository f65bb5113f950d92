package io.watchstream.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.RuleRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFileLoaderTest {

  private final RuleFileLoader loader = new RuleFileLoader();

  private static Path example() throws Exception {
    return Path.of(RuleFileLoaderTest.class.getResource("/rules/example-rules.yaml").toURI());
  }

  @Test
  void loadsEveryRuleKindWithItsFieldsAndSourceLine() throws Exception {
    List<LoadedRule> rules = loader.load(example());

    assertThat(rules).extracting(r -> r.rule().kind()).containsExactly(
        "threshold", "threshold", "log-frequency", "log-spike", "log-flatline", "log-new-term", "anomaly");
    ThresholdRule cpu = (ThresholdRule) rules.get(0).rule();
    assertThat(cpu.period()).isEqualTo(Duration.ofSeconds(60));
    assertThat(cpu.comparison()).isEqualTo(Comparison.GREATER);
    assertThat(cpu.threshold()).isEqualTo(50.0);
    assertThat(cpu.evaluationPeriods()).isEqualTo(3);
    assertThat(cpu.datapointsToAlarm()).isEqualTo(2);
    assertThat(cpu.evaluationRange()).isEqualTo(5);
    assertThat(cpu.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(cpu.reminderEvery()).isEqualTo(Duration.ofMinutes(30));
    assertThat(cpu.actions().channels()).containsExactly("ops-slack");
    assertThat(cpu.actions().scaling().onOk().amount()).isEqualTo(-1);
    assertThat(rules.get(0).source()).endsWith("example-rules.yaml:3");
    ThresholdRule unhealthy = (ThresholdRule) rules.get(1).rule();
    assertThat(unhealthy.datapointsToAlarm()).isEqualTo(1);
    assertThat(unhealthy.treatMissingData()).isEqualTo(TreatMissingData.NOT_BREACHING);
    assertThat(((LogNewTermRule) rules.get(5).rule()).lookback()).isEqualTo(Duration.ofDays(7));
    assertThat(((AnomalyRule) rules.get(6).rule()).minTrainingPeriods()).isEqualTo(1440);
  }

  @Test
  void definitionJsonRoundTripsToAnEqualRule() throws Exception {
    for (LoadedRule loaded : loader.load(example())) {
      String json = RuleJson.toJson(loaded.rule());
      assertThat(RuleJson.fromJson(json)).isEqualTo(loaded.rule());
      assertThat(json).contains("\"kind\":\"" + loaded.rule().kind() + "\"");
    }
  }

  @Test
  void selectorWildcardsMatchEveryInstanceButOnlyTheSameDimensionSet() throws Exception {
    ThresholdRule cpu = (ThresholdRule) loader.load(example()).get(0).rule();
    assertThat(cpu.metric().matches("AWS/EC2", "CPUUtilization", List.of(new Dimension("InstanceId", "i-1")))).isTrue();
    assertThat(cpu.metric().matches("AWS/EC2", "CPUUtilization",
        List.of(new Dimension("AutoScalingGroupName", "a"), new Dimension("InstanceId", "i-1")))).isFalse();
    assertThat(cpu.metric().matches("AWS/EC2", "NetworkIn", List.of(new Dimension("InstanceId", "i-1")))).isFalse();
    ThresholdRule elb = (ThresholdRule) loader.load(example()).get(1).rule();
    assertThat(elb.metric().matches("AWS/ApplicationELB", "UnHealthyHostCount",
        List.of(new Dimension("LoadBalancer", "app/web/123"), new Dimension("TargetGroup", "tg/1")))).isTrue();
    assertThat(elb.metric().matches("AWS/ApplicationELB", "UnHealthyHostCount",
        List.of(new Dimension("LoadBalancer", "app/api/123"), new Dimension("TargetGroup", "tg/1")))).isFalse();
  }

  private RuleFileException failure(String yaml) {
    try {
      loader.parse("bad.yaml", yaml);
    } catch (RuleFileException e) {
      return e;
    }
    throw new AssertionError("expected the rule file to be rejected");
  }

  @Test
  void unknownFieldIsNamedWithItsLine() {
    RuleFileException e = failure("""
        rules:
          - id: a
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization }
            comparison: ">"
            threshold: 1
            treshold: 2
        """);
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.field()).isEqualTo("rules[0].treshold");
    assertThat(e.getMessage()).startsWith("bad.yaml:7:5: rules[0].treshold: unknown key (known here: ");
  }

  @Test
  void badEnumValueIsNamedWithItsLine() {
    RuleFileException e = failure("""
        rules:
          - id: a
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization }
            comparison: "=>"
            threshold: 1
        """);
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("rules[0].comparison");
    assertThat(e.getMessage()).contains("comparison must be >, >=, < or <=");
  }

  @Test
  void semanticProblemPointsAtTheOffendingField() {
    RuleFileException e = failure("""
        rules:
          - id: ok
            kind: log-flatline
            logs: { group: /a }
          - id: b
            kind: threshold
            metric:
              namespace: AWS/EC2
              name: CPUUtilization
            comparison: ">"
            threshold: 1
            evaluationPeriods: 2
            datapointsToAlarm: 3
        """);
    assertThat(e.line()).isEqualTo(13);
    assertThat(e.field()).isEqualTo("rules[1].datapointsToAlarm");
  }

  @Test
  void nestedProblemsAndMissingFieldsAreReportedAll() {
    RuleFileException e = failure("""
        rules:
          - id: b
            kind: threshold
            metric:
              namespace: AWS/EC2
            threshold: 1
            actions:
              scaling:
                autoScalingGroup: web
                onAlarm: { type: set }
        """);
    // every problem, in the order of the file
    assertThat(e.allProblems()).containsExactly(
        "bad.yaml:2:5: rules[0].comparison: is required (>, >=, < or <=)",
        "bad.yaml:4:5: rules[0].metric.name: is required",
        "bad.yaml:10:9: rules[0].actions.scaling.onAlarm.amount: is required for type set");
    assertThat(e.field()).isEqualTo("rules[0].comparison");
  }

  @Test
  void missingOrUnknownKindIsRejected() {
    assertThat(failure("rules:\n  - id: a\n    threshold: 1\n").getMessage()).isEqualTo("bad.yaml:2:5: rules[0].kind: is required (threshold, log-frequency, log-spike, log-flatline, log-new-term or anomaly)");
    RuleFileException e = failure("rules:\n  - id: a\n    kind: magic\n");
    assertThat(e.field()).isEqualTo("rules[0].kind");
    assertThat(e.getMessage()).endsWith("rules[0].kind: unknown kind: use threshold, log-frequency, log-spike, log-flatline, log-new-term or anomaly");
  }

  @Test
  void anEmptyOrScalarListItemIsRejectedNotACrash() {
    // found by RuleFileFuzzTest: the text "-" is a list holding one null
    assertThat(failure("-").getMessage()).contains("expected a rule").contains("found nothing");
    RuleFileException e = failure("rules:\n  - { id: a, kind: log-flatline, logs: { group: /a } }\n  - just text\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("rules[1]");
    assertThat(e.getMessage()).contains("found a string");
  }

  @Test
  void duplicateIdsAreRejected() {
    RuleFileException e = failure("""
        rules:
          - { id: a, kind: log-flatline, logs: { group: /a } }
          - { id: a, kind: log-flatline, logs: { group: /b } }
        """);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).isEqualTo("bad.yaml:3:7: rules[1].id: duplicate rule id (first used at line 2)");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    RuleFileException e = failure("rules:\n  - id: a\n    kind: [unclosed\n");
    assertThat(e.line()).isGreaterThanOrEqualTo(3);
    assertThat(e.getMessage()).contains("not valid YAML");
  }

  @Test
  void badDurationAndBadPatternAreRejected() {
    assertThat(failure("rules:\n  - { id: a, kind: log-flatline, logs: { group: /a }, window: soon }\n").field())
        .isEqualTo("rules[0].window");
    RuleFileException e = failure("rules:\n  - id: a\n    kind: log-frequency\n    logs: { group: /a }\n    threshold: 1\n    pattern: '%(unclosed%'\n");
    assertThat(e.field()).isEqualTo("rules[0].pattern");
    assertThat(e.line()).isEqualTo(6);
  }

  @Test
  void regexFeaturesLinearTimeMatchingCannotDoAreRejectedWithFileLineAndField() {
    RuleFileException field = failure("rules:\n  - id: a\n    kind: log-new-term\n    logs: { group: /a }\n    field: '%user=(\\w+) \\1%'\n");
    assertThat(field.field()).isEqualTo("rules[0].field");
    assertThat(field.line()).isEqualTo(5);
    assertThat(field.getMessage()).startsWith("bad.yaml:5:5: rules[0].field: ").contains("backreferences");
    RuleFileException pattern = failure("rules:\n  - id: a\n    kind: log-frequency\n    logs: { group: /a }\n    threshold: 1\n    pattern: '/error(?!: retry)/'\n");
    assertThat(pattern.field()).isEqualTo("rules[0].pattern");
    assertThat(pattern.line()).isEqualTo(6);
    assertThat(pattern.getMessage()).contains("lookahead").contains("README");
  }

  @Test
  void versionsIncreaseOnlyWhenTheDefinitionChanges() throws Exception {
    List<LoadedRule> rules = loader.load(example());
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    List<RuleRecord> first = RuleVersions.toPublish(Map.of(), rules, now);
    assertThat(first).hasSize(7).allSatisfy(r -> assertThat(r.getVersion()).isEqualTo(1));

    Map<String, RuleRecord> topic = new java.util.HashMap<>();
    first.forEach(r -> topic.put(r.getRuleId(), r));
    assertThat(RuleVersions.toPublish(topic, rules, now)).isEmpty();

    List<LoadedRule> changed = loader.parse("x.yaml", """
        rules:
          - { id: heartbeat, kind: log-flatline, logs: { group: /app/heartbeat, per: stream }, pattern: HEARTBEAT, window: 3m }
        """);
    List<RuleRecord> second = RuleVersions.toPublish(topic, changed, now);
    assertThat(second).singleElement().satisfies(r -> {
      assertThat(r.getRuleId()).isEqualTo("heartbeat");
      assertThat(r.getVersion()).isEqualTo(2);
      assertThat(r.getSource()).isEqualTo("x.yaml:2");
    });
  }
}

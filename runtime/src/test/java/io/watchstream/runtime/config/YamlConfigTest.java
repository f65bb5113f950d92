package io.watchstream.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigTest {

  enum Mode { BOT, WEBHOOK }

  record Kafka(String bootstrapServers, String password, Integer partitions) {
    Kafka {
      bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
      partitions = partitions == null ? 6 : partitions;
    }
  }

  record Source(String logGroup, Duration every) {}

  record Http(int port) {}

  record Sample(Kafka kafka, List<Source> sources, Http http, Mode mode, Duration poll) {
    Sample {
      kafka = kafka == null ? new Kafka(null, null, null) : kafka;
      sources = sources == null ? List.of() : sources;
      http = http == null ? new Http(8080) : http;
      poll = poll == null ? Duration.ofMinutes(1) : poll;
    }
  }

  private static final List<EnvOverride> ENV = List.of(
      EnvOverride.of("WS_KAFKA", "kafka.bootstrapServers"),
      EnvOverride.of("WS_BOOTSTRAP", "kafka.bootstrapServers"),
      EnvOverride.of("WS_HTTP_PORT", "http.port"));

  private static List<FieldProblem> validate(Sample s) {
    List<FieldProblem> p = new ArrayList<>();
    for (int i = 0; i < s.sources().size(); i++) {
      if (s.sources().get(i).logGroup() == null) {
        p.add(new FieldProblem("sources[" + i + "].logGroup", "is required"));
      }
    }
    if (s.http().port() > 65535) {
      p.add(new FieldProblem("http.port", "must be a port number"));
    }
    return p;
  }

  private final YamlConfig<Sample> loader = new YamlConfig<>(Sample.class, ENV, YamlConfigTest::validate);

  private Sample parse(String yaml) {
    return loader.parse(yaml, "sample.yaml", Map.of());
  }

  private static List<String> problems(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("no ConfigException");
  }

  @Test
  void bindsYamlIntoTheRecordWithDefaultsAndDurations() {
    Sample s = parse("""
        kafka:
          bootstrapServers: broker:9092
        sources:
          - logGroup: /app
            every: 5M
        mode: WEBHOOK
        poll: 90
        """);
    assertThat(s.kafka().bootstrapServers()).isEqualTo("broker:9092");
    assertThat(s.kafka().partitions()).isEqualTo(6);
    assertThat(s.sources()).containsExactly(new Source("/app", Duration.ofMinutes(5)));
    assertThat(s.mode()).isEqualTo(Mode.WEBHOOK);
    assertThat(s.poll()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.http().port()).isEqualTo(8080);
  }

  @Test
  void readsJsonToo() {
    assertThat(parse("{\"kafka\": {\"partitions\": 3}}").kafka().partitions()).isEqualTo(3);
  }

  @Test
  void anEmptyFileIsAllDefaults() {
    assertThat(parse("# nothing here\n").kafka().bootstrapServers()).isEqualTo("localhost:9092");
  }

  @Test
  void anUnknownKeyIsRefusedWithItsLineAndColumnAndTheKnownKeys() {
    assertThat(problems(() -> parse("""
        kafka:
          bootstrapServers: b:9092
          partitons: 3
        """))).containsExactly(
        "sample.yaml:3:3: kafka.partitons: unknown key (known here: bootstrapServers, partitions, password)");
  }

  @Test
  void aWrongTypeNamesTheExpectedTypeAndNeverTheValue() {
    List<String> p = problems(() -> parse("""
        kafka:
          partitions: hunter2
        """));
    assertThat(p).containsExactly("sample.yaml:2:3: kafka.partitions: expected a whole number");
  }

  @Test
  void aBadDurationInAListItemIsLocated() {
    assertThat(problems(() -> parse("""
        sources:
          - logGroup: /a
          - logGroup: /b
            every: sometimes
        """))).containsExactly(
        "sample.yaml:4:5: sources[1].every: expected a duration (e.g. 60, 90s, 5m, 2h, 7d or PT5M)");
  }

  @Test
  void aBadEnumListsTheAcceptedValues() {
    assertThat(problems(() -> parse("mode: carrier-pigeon\n")))
        .containsExactly("sample.yaml:1:1: mode: expected one of BOT, WEBHOOK");
  }

  @Test
  void aNullPrimitiveIsRefused() {
    assertThat(problems(() -> parse("http:\n  port:\n"))).containsExactly("sample.yaml:2:3: http.port: must not be empty");
  }

  @Test
  void duplicateKeysAreRefusedEveryOne() {
    assertThat(problems(() -> parse("""
        kafka:
          password: a
          password: b
        mode: BOT
        mode: BOT
        """))).containsExactly(
        "sample.yaml:3:3: kafka.password: duplicate key (the same key appears twice in one mapping)",
        "sample.yaml:5:1: mode: duplicate key (the same key appears twice in one mapping)");
  }

  @Test
  void aliasesAndAnchorsOfMappingsAndListsAreRefused() {
    // Jackson does not expose an anchor on a scalar; its alias is what would copy the value, and that is refused
    List<String> p = problems(() -> parse("""
        kafka:
          password: &pw s3cret
        sources: &all
          - logGroup: /a
        http:
          port: *pw
        """));
    assertThat(p).hasSize(2).allMatch(l -> l.contains("anchors and aliases are not supported")).noneMatch(l -> l.contains("s3cret"));
    assertThat(p.get(0)).startsWith("sample.yaml:3:10: sources:");
    assertThat(p.get(1)).startsWith("sample.yaml:6:9: http.port:");
  }

  @Test
  void aSecondDocumentIsRefused() {
    assertThat(problems(() -> parse("mode: BOT\n---\nmode: WEBHOOK\n")))
        .singleElement().asString().startsWith("sample.yaml:3:").contains("more than one YAML document");
  }

  @Test
  void aRootThatIsNotAMappingIsRefused() {
    assertThat(problems(() -> parse("- a\n- b\n"))).singleElement().asString().contains("must be a mapping");
  }

  @Test
  void aSyntaxErrorIsLocatedWithoutQuotingTheLine() {
    List<String> p = problems(() -> parse("kafka:\n  password: \"s3cret\n"));
    assertThat(p).singleElement().asString().startsWith("sample.yaml:").contains("not valid YAML").doesNotContain("s3cret");
  }

  @Test
  void validatorProblemsAreLocatedAtTheFieldOrItsNearestAncestorInTheFile() {
    assertThat(problems(() -> parse("""
        sources:
          - logGroup: /a
          - every: 5m
        http:
          port: 70000
        """))).containsExactly(
        "sample.yaml:3:5: sources[1].logGroup: is required",
        "sample.yaml:5:3: http.port: must be a port number");
  }

  @Test
  void environmentOverridesReplaceFileValuesFirstSetVariableWinsAndBlankIsIgnored() {
    Sample s = loader.parse("kafka:\n  bootstrapServers: file:9092\n", "sample.yaml",
        Map.of("WS_KAFKA", " ", "WS_BOOTSTRAP", "env:9092", "WS_HTTP_PORT", "9100"));
    assertThat(s.kafka().bootstrapServers()).isEqualTo("env:9092");
    assertThat(s.http().port()).isEqualTo(9100);
    Sample both = loader.parse("", "sample.yaml", Map.of("WS_KAFKA", "first:1", "WS_BOOTSTRAP", "second:2"));
    assertThat(both.kafka().bootstrapServers()).isEqualTo("first:1");
  }

  @Test
  void aBadOverrideValueNamesTheVariableNotTheValue() {
    assertThat(problems(() -> loader.parse("http:\n  port: 80\n", "sample.yaml", Map.of("WS_HTTP_PORT", "eighty"))))
        .containsExactly("env WS_HTTP_PORT: http.port: expected a whole number");
    assertThat(problems(() -> loader.parse("", "sample.yaml", Map.of("WS_HTTP_PORT", "99999"))))
        .containsExactly("env WS_HTTP_PORT: http.port: must be a port number");
  }

  @Test
  void loadReadsAFileAndNamesItInProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("svc.yaml");
    Files.writeString(file, "mode: BOT\nmood: happy\n");
    assertThatThrownBy(() -> loader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file + ":2:1: mood: unknown key");
    assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.yaml: cannot be read (NoSuchFileException)");
  }

  @Test
  void theExceptionMessageHasOneLinePerProblem() {
    ConfigException e = new ConfigException(List.of(new ConfigProblem("a.yaml", 1, 2, "x", "bad"),
        new ConfigProblem("a.yaml", 0, 0, "", "also bad")));
    assertThat(e.getMessage()).isEqualTo("invalid configuration:\n  a.yaml:1:2: x: bad\n  a.yaml: also bad");
    assertThat(ConfigException.EXIT_CODE).isEqualTo(2);
  }

  enum Spelt { @com.fasterxml.jackson.annotation.JsonProperty("bot") BOT, @com.fasterxml.jackson.annotation.JsonProperty("webhook") WEBHOOK }

  record WithCopies(Map<String, String> channels, Spelt mode) {
    WithCopies {
      channels = channels == null ? Map.of() : Map.copyOf(channels);
    }
  }

  @Test
  void anEnumIsNamedAsTheFileSpellsIt() {
    YamlConfig<WithCopies> l = new YamlConfig<>(WithCopies.class, List.of(), YamlConfig.Validator.none());
    assertThat(problems(() -> l.parse("mode: email\n", "s.yaml", Map.of())))
        .containsExactly("s.yaml:1:1: mode: expected one of bot, webhook");
  }

  @Test
  void anEmptyEntryOfACopiedMapIsAProblemNotACrash() {
    YamlConfig<WithCopies> l = new YamlConfig<>(WithCopies.class, List.of(), YamlConfig.Validator.none());
    assertThat(problems(() -> l.parse("channels:\n  ops: ~\n", "s.yaml", Map.of())))
        .containsExactly("s.yaml: an entry is empty (~ or no value): give it a value or leave it out");
  }

  @Test
  void aBindingProblemKeepsNoCauseThatQuotesTheValue() {
    try {
      parse("http:\n  port: hunter2-hunter2\n");
      throw new AssertionError("loaded");
    } catch (ConfigException e) {
      assertThat(e.getCause()).isNull();
      assertThat(e.getMessage()).doesNotContain("hunter2");
    }
  }

  @Test
  void aFileThatIsNotUtf8IsSaidToBeSo(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'m', 'o', 'd', 'e', ':', ' ', (byte) 0xe9, '\n'});
    assertThat(problems(() -> loader.load(file, Map.of())))
        .containsExactly(file + ":1:7: is not UTF-8 text (byte 0xE9 here): save the file as UTF-8");
  }

  @Test
  void anAnchorIsReportedOncePerPlace() {
    assertThat(problems(() -> parse("kafka: &k { partitions: 3 }\n"))).hasSize(1);
  }

  @Test
  void anEnvironmentValidatorSeesTheEnvironmentAndItsProblemsAreLocated() {
    YamlConfig<Sample> l = new YamlConfig<>(Sample.class, ENV, YamlConfigTest::validate,
        (s, env) -> env.containsKey(s.kafka().password()) ? List.of()
            : List.of(new FieldProblem("kafka.password", "names a variable that is not set")));
    assertThat(problems(() -> l.parse("kafka:\n  password: PW\n", "s.yaml", Map.of())))
        .containsExactly("s.yaml:2:3: kafka.password: names a variable that is not set");
    assertThat(l.parse("kafka:\n  password: PW\n", "s.yaml", Map.of("PW", "x")).kafka().password()).isEqualTo("PW");
  }
}

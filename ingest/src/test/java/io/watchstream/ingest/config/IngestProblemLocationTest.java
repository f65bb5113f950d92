package io.watchstream.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.ConfigProblem;
import io.watchstream.testkit.ConfigFields;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every unknown key and every wrong type, in every section of the ingest file, names the file, line and column. */
class IngestProblemLocationTest {

  static Stream<ConfigFields.Wrong> unknownKeys() {
    return ConfigFields.unknownKeys(IngestConfig.class).stream();
  }

  static Stream<ConfigFields.Wrong> wrongTypes() {
    return ConfigFields.wrongTypes(IngestConfig.class).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownKeys")
  void anUnknownKeyIsReportedAtItsLineAndColumn(ConfigFields.Wrong w) {
    ConfigProblem p = onlyProblem(w);
    assertThat(p.toString()).startsWith("ingest.yaml:" + w.line() + ":" + w.column() + ": " + w.path() + ": unknown key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongTypes")
  void aWrongTypeIsReportedAtItsField(ConfigFields.Wrong w) {
    ConfigProblem p = onlyProblem(w);
    assertThat(p.source()).isEqualTo("ingest.yaml");
    assertThat(p.field()).startsWith(w.path());
    assertThat(p.line()).isEqualTo(w.line());
    assertThat(p.column()).isPositive();
    assertThat(p.problem()).startsWith("expected ");
  }

  private static ConfigProblem onlyProblem(ConfigFields.Wrong w) {
    try {
      IngestConfigLoader.parse(w.yaml(), Map.of());
    } catch (ConfigException e) {
      List<ConfigProblem> problems = e.problems().stream().map(p -> new ConfigProblem(
          p.source().equals("<inline>") ? "ingest.yaml" : p.source(), p.line(), p.column(), p.field(), p.problem())).toList();
      assertThat(problems).as(w.yaml()).hasSize(1);
      return problems.get(0);
    }
    throw new AssertionError("loaded:\n" + w.yaml());
  }
}

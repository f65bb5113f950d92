package io.watchstream.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.testkit.HostileFiles;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code hostile/rules} is refused with exactly the messages in its {@code .expected} file (one
 * problem per line, as {@code rules validate} prints them), or loads when that file says {@code OK}.
 */
class HostileRuleFilesTest {

  static Stream<HostileFiles.Case> cases() {
    return HostileFiles.in("hostile/rules");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithTheExpectedMessages(HostileFiles.Case c) {
    String outcome;
    try {
      new RuleFileLoader().load(c.input());
      outcome = "OK";
    } catch (RuleFileException e) {
      // the loader names the file as it was given; the corpus names it by its file name
      outcome = String.join("\n", e.allProblems()).replace(c.input().toString(), c.input().getFileName().toString());
    }
    assertThat(outcome).isEqualTo(c.expected());
  }
}

package io.watchstream.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.watchstream.bench.workload.BenchRules;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the rule-file parser ({@link RuleFileLoader#parse}) with random text and with mutations of a valid rule
 * file. Whatever the input, the loader must return or throw {@link RuleFileException} — never another exception,
 * never hang (2 s per input) — and a rejection must name the file and a line inside it, and carry a message.
 */
class RuleFileFuzzTest {

  private static final String FILE = "fuzz.yaml";
  private static final String VALID = BenchRules.THREE_PER_SERIES + """
        - id: ssh-failures
          kind: log-frequency
          logs: { group: /var/log/secure, per: stream }
          pattern: '"Failed password"'
          window: 5m
          threshold: 10
          severity: warning
        - id: error-spike
          kind: log-spike
          logs: { group: /app/* }
          pattern: '{ $.level = "ERROR" }'
          window: 1m
          baselineWindows: 5
          ratio: 4
          minCount: 20
      """;

  private final RuleFileLoader loader = new RuleFileLoader();

  @Example
  void theUnmutatedFileIsValid() throws Exception {
    assertThat(loader.parse(FILE, VALID)).hasSize(5);
  }

  /** Class loading and JIT of the first parse take seconds on a busy machine; the time bound is for the parse itself. */
  @BeforeContainer
  static void warmUp() throws Exception {
    new RuleFileLoader().parse(FILE, VALID);
  }

  @Property(tries = 400)
  void randomTextIsParsedOrRejectedClearly(@ForAll("yamlish") String text) {
    check(text);
  }

  @Property(tries = 600)
  void mutatedRuleFilesAreParsedOrRejectedClearly(@ForAll("mutations") String text) {
    check(text);
  }

  @Example
  void aliasBombIsRejectedQuickly() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("rules: []\n");
    check(yaml.toString());
  }

  @Example
  void deepNestingIsRejectedQuickly() {
    // Jackson's nesting limit (1000) stops the parse; its exception carries no location, so the loader reports
    // line 0 ("unknown") here — the one rejection seen without a line number. The message still says why.
    for (String text : List.of("rules: " + "[".repeat(50_000) + "]".repeat(50_000), "rules:\n" + "- ".repeat(20_000) + "x\n")) {
      assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> loader.parse(FILE, text))
          .isInstanceOf(RuleFileException.class).hasMessageStartingWith(FILE + ":").hasMessageContaining("nesting depth"));
    }
  }

  @Example
  void hugeScalarsAreRejectedWithoutHanging() {
    // Parsing cost grows faster than linearly with scalar size (about 1.4 s for 800 kB, 4.6 s for 1.6 MB here),
    // so the bound is looser than for ordinary inputs; a real rule file is a few kB.
    String text = "rules:\n  - id: " + "x".repeat(1_000_000) + "\n    kind: threshold\n";
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(() -> loader.parse(FILE, text))
        .isInstanceOf(RuleFileException.class).hasMessageStartingWith(FILE + ":2:5: rules[0].id:"));
  }

  private void check(String text) {
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      try {
        loader.parse(FILE, text);
      } catch (RuleFileException e) {
        long lines = text.lines().count();
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.getMessage()).startsWith(e.line() == 0 ? FILE + ": " : FILE + ":" + e.line() + ":")
            .hasSizeGreaterThan(FILE.length() + 4);
        assertThat(e.line()).as("line of: %s", e.getMessage()).isBetween(text.isBlank() ? 0 : 1, (int) Math.max(1, lines + 1));
        assertThat(e.field()).isNotNull();
      }
    });
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars("rules:-id kndthreshold{}[],'\"\n\t#&*!|>%@`0123456789.").ofMaxLength(300);
  }

  /** One to three edits of the valid file: delete, duplicate or swap lines, re-indent, or replace a value with junk. */
  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<String> junk = Arbitraries.oneOf(
        Arbitraries.strings().withChars("{}[]:,-'\"&*!|>#%@ abc019.\\").ofMaxLength(12),
        Arbitraries.of("", "null", "~", "-1", "1e400", "NaN", ".inf", "true", "[]", "{}", "999999999999999999999",
            "10x", "5 m", "\"\"", "!!binary AAAA", "*nothing", "&a x", "0s", "-5m", "P1D"));
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 200),
        Arbitraries.integers().between(0, 200), junk).as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(3).map(edits -> {
      List<String> lines = new ArrayList<>(VALID.lines().toList());
      for (Edit e : edits) {
        e.apply(lines);
      }
      return String.join("\n", lines) + "\n";
    });
  }

  record Edit(int kind, int at, int other, String junk) {
    void apply(List<String> lines) {
      if (lines.isEmpty()) {
        return;
      }
      int i = at % lines.size();
      String line = lines.get(i);
      switch (kind) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, line);
        case 2 -> {
          int j = other % lines.size();
          lines.set(i, lines.get(j));
          lines.set(j, line);
        }
        case 3 -> lines.set(i, " ".repeat(other % 7) + line.strip());
        default -> {
          int colon = line.indexOf(':');
          lines.set(i, colon < 0 ? junk : line.substring(0, colon + 1) + " " + junk);
        }
      }
    }
  }
}

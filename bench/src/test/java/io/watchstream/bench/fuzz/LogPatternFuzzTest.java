package io.watchstream.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.watchstream.processor.logs.LogPattern;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the log-pattern parser and matcher ({@link LogPattern}): any pattern text parses or is rejected with an
 * {@link IllegalArgumentException} that has a message; any line, including hostile ones built for catastrophic
 * regex back-tracking, huge JSON and deep nesting, is matched or not within 2 s and never throws.
 */
class LogPatternFuzzTest {

  /** Class loading and JIT of the first parse take seconds on a busy machine; the time bound is for the parse itself. */
  @BeforeContainer
  static void warmUp() throws Exception {
    LogPattern.parse("{ $.a = \"x\" }").matches("{\"a\":\"x\"}");
    LogPattern.parse("[a, b = 5*]").matches("x 500");
    LogPattern.parse("%a+b%").matches("aab");
  }

  @Property(tries = 1000)
  void anyPatternAndLineNeitherCrashNorHang(@ForAll("patterns") String pattern, @ForAll("lines") String line) {
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      LogPattern parsed;
      try {
        parsed = LogPattern.parse(pattern);
      } catch (IllegalArgumentException rejected) {
        assertThat(rejected.getMessage()).as("rejection of %s", pattern).isNotBlank();
        return;
      }
      parsed.matches(line);
      parsed.matches("{\"level\":\"ERROR\",\"msg\":\"" + line.replace("\"", "'") + "\",\"latency\":" + line.length() + "}");
      parsed.matches(line + " " + line);
    });
  }

  @Example
  void catastrophicRegexesAnswerCorrectlyWithoutHanging() {
    String hostile = "a".repeat(5_000) + "!";
    for (String pattern : new String[] {"%(a+)+$%", "/(a|aa)+$/", "%(a*)*b%", "/^(\\w+\\s?)*$/"}) {
      assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(LogPattern.parse(pattern).matches(hostile)).isFalse());
    }
    // linear-time matching finds the match a back-tracking budget used to give up on
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(LogPattern.parse("%(.*a){20}%").matches(hostile)).isTrue());
  }

  @Example
  void hostileJsonLinesDoNotCrashTheJsonMatcher() {
    LogPattern p = LogPattern.parse("{ $.a.b.c = \"x\" && $.n > 5 }");
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      assertThat(p.matches("[".repeat(100_000))).isFalse();
      assertThat(p.matches("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000))).isFalse();
      assertThat(p.matches("{\"n\": 1e999999, \"a\": {\"b\": {\"c\": \"x\"}}}")).isIn(true, false);
      assertThat(p.matches("{\"s\":\"" + "x".repeat(1_000_000) + "\"}")).isFalse();
    });
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("{}[]()$.=!<>&|\"%/?-*+, abcERROR0129\\ISNULTREXO^").ofMaxLength(60),
        Arbitraries.strings().withChars("()[]{}*+?|^$.\\aw0-").ofMaxLength(30).map(r -> "%" + r + "%"),
        Arbitraries.strings().withChars("$.abc=!<>&|\"*0129 ").ofMaxLength(40).map(e -> "{ " + e + " }"),
        Arbitraries.strings().withChars("abc,.=*<>0129 \"").ofMaxLength(40).map(e -> "[" + e + "]"));
  }

  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withChars("{}[]\":,abc 0123.-eE").ofMaxLength(300),
        Arbitraries.integers().between(1, 3000).map(n -> "a".repeat(n) + "!"));
  }
}

package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  /** A regression guard, not a speed measurement: generous for a loaded 2-core machine. */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
      "*, anything, true",
      "*, '', true",
      "'', '', true",
      "'', x, false",
      "i-prod*, i-prod-1, true",
      "i-prod*, i-prod, true",
      "i-prod*, i-pro, false",
      "*-web, app-web, true",
      "*-web, app-web-2, false",
      "i-*-web*, i-1-web-2, true",
      "i-*-web*, i-1-db-2, false",
      "ab*ba, aba, false",
      "ab*ba, abba, true",
      "a*a*a, aa, false",
      "a*a*a, aaa, true",
      "i-?, i-7, true",
      "i-?, i-77, false",
      "i-?*, i-77, true",
      "??, ab, true",
      "??, a, false",
      "a.b*, a.bc, true",
      "a.b*, axbc, false",
      "(x)+[y]\\d, (x)+[y]\\d, true"})
  void globsMatchWholeValues(String glob, String value, boolean expected) {
    assertThat(Glob.of(glob).matches(value)).isEqualTo(expected);
  }

  @Test
  void questionMarkIsOneCodePointAndStarCrossesLineBreaks() {
    assertThat(Glob.of("x?y").matches("x\uD83D\uDE00y")).isTrue();
    assertThat(Glob.of("x??y").matches("x\uD83D\uDE00y")).isFalse();
    assertThat(Glob.of("*?").matches("\uD83D\uDE00")).isTrue();
    assertThat(Glob.of("a*b").matches("a\n\r\nb")).isTrue();
  }

  @Test
  void starsOnlyDialectTakesQuestionMarkLiterally() {
    assertThat(Glob.starsOnly("why?").matches("why?")).isTrue();
    assertThat(Glob.starsOnly("why?").matches("whyx")).isFalse();
    assertThat(Glob.starsOnly("db-*").matches("db-7")).isTrue();
  }

  @Test
  void literalGlobsAreRecognised() {
    assertThat(Glob.of("i-1").isLiteral()).isTrue();
    assertThat(Glob.of("i-?").isLiteral()).isFalse();
    assertThat(Glob.of("i-*").isLiteral()).isFalse();
    assertThat(Glob.starsOnly("i-?").isLiteral()).isTrue();
    assertThat(Glob.of("x").matches(null)).isFalse();
  }

  @Test
  void manyStarsAgainstAFortyCharacterValueReturnPromptly() {
    // about 70 s per datapoint with the regex translation (".*a.*a...b") that this class replaces
    String glob = "*a*a*a*a*a*a*a*a*a*a*b";
    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThat(Glob.of(glob).matches("a".repeat(40))).isFalse();
      assertThat(Glob.of(glob).matches("a".repeat(40) + "b")).isTrue();
      assertThat(Glob.starsOnly(glob).matches("a".repeat(40))).isFalse();
    });
  }

  @Test
  void hugeGlobsAgainstHugeValuesReturnPromptly() {
    String stars = "*a".repeat(2000) + "*b";
    String value = "a".repeat(64 * 1024);
    String questions = "*" + "?".repeat(500) + "b*";
    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThat(Glob.of(stars).matches(value)).isFalse();
      assertThat(Glob.of(stars).matches(value + "b")).isTrue();
      assertThat(Glob.of(questions).matches(value)).isFalse();
      assertThat(Glob.of("*" + "a".repeat(300) + "b*").matches(value)).isFalse();
    });
  }

  @Provide
  Arbitrary<String> globs() {
    return Arbitraries.strings().withChars("ab*?.\\\n").ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withChars("ab?*.\\\n\uD83D\uDE00").ofMaxLength(12);
  }

  @Property(tries = 3000)
  void matchesExactlyWhatTheRegexTranslationMatched(@ForAll("globs") String glob, @ForAll("values") String value) {
    assertThat(Glob.of(glob).matches(value)).isEqualTo(regex(glob, true).matcher(value).matches());
    assertThat(Glob.starsOnly(glob).matches(value)).isEqualTo(regex(glob, false).matcher(value).matches());
  }

  /** The translation every caller used before: quoted literals, ".*" for star, "." for question mark. */
  private static Pattern regex(String glob, boolean questionMark) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?' && questionMark) {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}

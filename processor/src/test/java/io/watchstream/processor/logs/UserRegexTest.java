package io.watchstream.processor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserRegexTest {

  /** A regression guard, not a speed measurement: generous for a loaded 2-core machine. */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private static final String HUNDRED_KB_USER_LINE = "user=" + "ab".repeat(50_000);

  @Test
  void aNewTermFieldWithAnAlternationInsideARepetitionExtractsFromA100KbLine() {
    // java.util.regex recursed once per repetition here: StackOverflowError out of FieldExtractor.RegexGroup
    FieldExtractor field = FieldExtractor.parse("%user=((?:a|b)*)%");
    String value = assertTimeoutPreemptively(PROMPTLY, () -> field.extract(new LogLine(HUNDRED_KB_USER_LINE)));
    assertThat(value).hasSize(UserRegex.MAX_INPUT - "user=".length()).matches("(ab)+a?");
  }

  @Test
  void aPatternWithAnAlternationInsideARepetitionMatchesA100KbLine() {
    LogPattern pattern = LogPattern.parse("%user=((?:a|b)*)$%");
    assertThat(assertTimeoutPreemptively(PROMPTLY, () -> pattern.matches("user=" + "ab".repeat(5_000)))).isTrue();
    // a regex sees a long line cut to its first MAX_INPUT characters, as if it ended there
    assertThat(assertTimeoutPreemptively(PROMPTLY, () -> pattern.matches(HUNDRED_KB_USER_LINE + "!"))).isTrue();
    assertThat(assertTimeoutPreemptively(PROMPTLY, () -> LogPattern.parse("%user=((?:a|b)*)%").matches(HUNDRED_KB_USER_LINE))).isTrue();
  }

  static Stream<Arguments> adversarial() {
    return Stream.of(
        arguments("(a+)+$", true), arguments("(a|aa)*c", false), arguments("(a|a)*b", false),
        arguments("(x+x+)+y", false), arguments("(.*a){20}b", false), arguments("(\\w+\\s?)*$", true),
        arguments("^(a*)*$", true), arguments("(?:a?){200}a{200}", true), arguments("((a|b)*)*c", false),
        arguments("(.*){3}x", false), arguments("[a-z]{1,900}!", false), arguments("(?i)(A|a)*B", false),
        arguments("(?s)(.|\n)*z", false), arguments("\\p{L}*\\d$", false), arguments("(a|b|ab)*$", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("adversarial")
  void adversarialRegexesOnA100KbLineReturnPromptly(String regex, boolean expected) {
    UserRegex r = UserRegex.compile(regex);
    String line = "a".repeat(100_000);
    assertThat(assertTimeoutPreemptively(PROMPTLY, () -> r.find(line))).isEqualTo(expected);
    assertTimeoutPreemptively(PROMPTLY, () -> r.extract(line));
  }

  private static boolean javaFinds(String regex, String text) {
    return java.util.regex.Pattern.compile(regex).matcher(text).find();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments("(a)\\1", "backreferences"),
        arguments("(?<n>a)\\k<n>", "backreferences"),
        arguments("a(?=b)", "lookahead"),
        arguments("a(?!b)", "lookahead"),
        arguments("(?<=a)b", "lookbehind"),
        arguments("(?<!a)b", "lookbehind"),
        arguments("(?>a+)b", "atomic groups"),
        arguments("a*+b", "possessive quantifiers"),
        arguments("a{2}+", "possessive quantifiers"),
        arguments("[a-z&&[^x]]", "intersection"),
        arguments("[a[bc]]", "nested character classes"),
        arguments("(?x) a b", "the flag (?x)"),
        arguments("(?U)\\w", "the flag (?U)"),
        arguments("(?d).", "the flag (?d)"),
        arguments("\\h+", "the escape \\h"),
        arguments("\\v", "the escape \\v"),
        arguments("\\p{javaLowerCase}", "the property"),
        arguments("\\p{InGreek}", "the property"),
        arguments("a{1001}", "linear-time matching"),
        arguments("(a{100}){100}", "too large"),
        arguments("((a{1000}){1000}){1000}", "too large"),
        arguments("(%", "invalid regex"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refused")
  void javaOnlyFeaturesAreRefusedWithTheReason(String regex, String reason) {
    assertThatThrownBy(() -> UserRegex.compile(regex)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
  }

  @Test
  void deeplyNestedGroupsAreRefused() {
    assertThatThrownBy(() -> UserRegex.compile("(".repeat(500) + "a" + ")".repeat(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nest");
  }

  static Stream<Arguments> meanings() {
    return Stream.of(
        arguments("a.b", "a\rb", false),
        arguments("a.b", "a\u0085b", false),
        arguments("(?s)a.b", "a\rb", true),
        arguments("a.b", "a\tb", true),
        arguments("error$", "disk error\n", true),
        arguments("error$", "disk error\r\n", true),
        arguments("error$", "disk error\n\n", false),
        arguments("error\\Z", "disk error\n", true),
        arguments("(?m)^b$", "a\nb\nc", true),
        arguments("^b", "a\nb", false),
        arguments("a\\sb", "a\u000Bb", true),
        arguments("a[\\s]b", "a\u000Bb", true),
        arguments("a\\Sb", "a\u000Bb", false),
        arguments("caf\\u00e9", "caf\u00e9", true),
        arguments("\\0101", "A", true),
        arguments("\\e", "\u001B", true),
        arguments("\\cA", "\u0001", true),
        arguments("\\p{Lower}+$", "abc", true),
        arguments("\\p{Lower}", "ABC", false),
        arguments("\\P{Alpha}", "abc1", true),
        arguments("[\\p{Punct}]", "a!", true),
        arguments("\\p{IsGreek}", "\u03bb", true),
        arguments("\\p{L}", "\u03bb", true),
        arguments("[]a]", "]", true),
        arguments("[^]a]", "]a", false),
        arguments("\\Q.*\\E", "a.*b", true),
        arguments("\\Q.*\\E", "ab", false),
        arguments("x[\\-]y", "x-y", true),
        arguments("x[a\\-z]y", "xby", false),
        arguments("\\.\\$\\^\\{\\}", ".$^{}", true),
        arguments("(?i)ERROR", "an error", true),
        arguments("(?i:e)RROR", "an eRROR", true),
        arguments("(?i:e)RROR", "an error", false),
        arguments("a\\Rb", "a\r\nb", true),
        arguments("\\x41\\x{42}", "AB", true),
        arguments("a{2,}", "aa", true),
        arguments("a{2,}", "a", false),
        arguments("(?:ab)+?c", "ababc", true),
        arguments("a|b|c", "c", true),
        arguments("x\\ud83d\\ude00?y", "xy", true),
        arguments("\\w+@\\w+", "bob@example", true));
  }

  @ParameterizedTest(name = "/{0}/ in {1} -> {2}")
  @MethodSource("meanings")
  void javaSyntaxKeepsItsMeaning(String regex, String text, boolean expected) {
    assertThat(javaFinds(regex, text)).as("java.util.regex").isEqualTo(expected);
    assertThat(UserRegex.compile(regex).find(text)).isEqualTo(expected);
  }

  @Test
  void extractionTakesTheFirstGroupOrTheWholeMatch() {
    assertThat(UserRegex.compile("for (\\S+) from").extract("Accepted publickey for deploy from 10.0.0.1")).isEqualTo("deploy");
    assertThat(UserRegex.compile("(?<user>\\w+)@").extract("mail bob@example.com")).isEqualTo("bob");
    assertThat(UserRegex.compile("\\d+").extract("took 250 ms")).isEqualTo("250");
    assertThat(UserRegex.compile("x(y)?").extract("x")).isNull();
    assertThat(UserRegex.compile("z").extract("x")).isNull();
  }

  @Test
  void aMatchThatRunsOutOfStackThrowsARuntimeExceptionNotAnError() throws Exception {
    UserRegex r = UserRegex.compile("(((a?)?)?){120}b");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread small = new Thread(null, () -> {
      try {
        r.find("a".repeat(1000));
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "small-stack", 64 * 1024);
    small.start();
    small.join();
    if (thrown.get() != null) {
      assertThat(thrown.get()).isInstanceOf(UserRegex.MatchFailedException.class).hasMessageContaining("(((a?)?)?){120}b");
    }
  }
}

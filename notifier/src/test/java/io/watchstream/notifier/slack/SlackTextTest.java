package io.watchstream.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlackTextTest {

  private static final String Z = SlackText.ZWSP;

  /** Each hostile form reported in issue 15, and what Slack would have made of it before this escaping. */
  static Stream<Arguments> hostileForms() {
    return Stream.of(
        Arguments.of("link in italics", "_https://evil.example/login_"),
        Arguments.of("scheme glued to a digit", "1https://evil.example/login"),
        Arguments.of("scheme longer than 16 characters", "averyveryverylongscheme+x://evil.example/login"),
        Arguments.of("www in italics", "_www.evil.example_"),
        Arguments.of("bare domain", "see evil.example now"),
        Arguments.of("bare domain with a path", "paypal.com/login"),
        Arguments.of("upper-case domain", "EVIL.EXAMPLE"),
        Arguments.of("ideographic and full-width dots", "evil\u3002example evil\uFF0Eexample"),
        Arguments.of("mailto and tel", "mailto:ops@evil.example tel:+15551234"),
        Arguments.of("e-mail address", "ops@evil.example"),
        Arguments.of("a fake line after a newline", "disk ok\n:white_check_mark: *RESOLVED*"),
        Arguments.of("a fake line after CR LF", "disk ok\r\n:white_check_mark: *RESOLVED*"),
        Arguments.of("line and paragraph separators", "a\u2028b\u2029c\u0085d\u000Be\u000Cf"),
        Arguments.of("bold", "*RESOLVED*"),
        Arguments.of("italic", "_resolved_"),
        Arguments.of("strike", "~ALARM~"),
        Arguments.of("code span and block", "`x` ```y```"),
        Arguments.of("quote at the start", "> fake quote"),
        Arguments.of("right-to-left override", "evil\u202Emoc.elgoog"),
        Arguments.of("other bidi and format characters", "a\u202Ab\u202Dc\u2066d\u2067e\u2068f\u2069g\u200Eh\u200Fi\u061Cj"),
        Arguments.of("zero-width and invisible characters", "ev\u200Bil\u200C.\u200Dex\uFEFFam\u00ADple\u2060x\uDB40\uDC41"),
        Arguments.of("C1 controls", "a\u0080b\u0085c\u009Bd\u009Fe"),
        Arguments.of("C0 controls", "a\u0000b\u001B[31mc\u0007d"),
        Arguments.of("emoji shortcodes", ":white_check_mark: :red_circle: :+1:"),
        Arguments.of("special mentions", "<!channel> <!here> <!everyone> <!subteam^S1>"),
        Arguments.of("user and channel mentions", "<@U024BE7LH> <#C1> @here @channel @everyone @alice #general"),
        Arguments.of("link markup", "<https://evil.example|your bank>"),
        Arguments.of("raw entities", "&lt;!channel&gt; & &amp;"),
        Arguments.of("lone surrogate", "a\uD800b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileForms")
  void slackCanInterpretNothingInEscapedText(String form, String hostile) {
    String escaped = SlackText.escape(hostile);
    assertThat(SlackReader.read(escaped)).as("%s: %s", form, escaped).isEmpty();
    assertThat(SlackReader.read("*Reason*\n" + escaped)).as("at the start of a line").containsExactly("line break", "markup *", "markup *");
  }

  @Test
  void escapesTheThreeControlCharactersAsSlackEntities() {
    assertThat(SlackText.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
  }

  @Test
  void specialMentionsInAngleBracketsBecomeInertText() {
    assertThat(SlackText.escape("disk full <!channel> <@U024BE7LH>"))
        .isEqualTo("disk full &lt;!channel&gt; &lt;@" + Z + "U024BE7LH&gt;");
  }

  @Test
  void everyAtAndChannelSignBeforeANameIsBroken() {
    assertThat(SlackText.escape("ping @here, ops@example and #general; a @ b # c"))
        .isEqualTo("ping @" + Z + "here, ops@" + Z + "example and #" + Z + "general; a @ b # c");
  }

  @Test
  void schemesOfAnyLengthAndAnyPrefixAreBroken() {
    assertThat(SlackText.escape("_https://evil.example/login_"))
        .isEqualTo("＿https:" + Z + "//evil." + Z + "example/login" + "＿");
    assertThat(SlackText.escape("1https://x")).isEqualTo("1https:" + Z + "//x");
    assertThat(SlackText.escape("averyveryverylongscheme://x")).isEqualTo("averyveryverylongscheme:" + Z + "//x");
  }

  @Test
  void everyDotBeforeALetterIsBrokenSoNoDomainIsLeft() {
    assertThat(SlackText.escape("paypal.com/login www.evil.example"))
        .isEqualTo("paypal." + Z + "com/login www." + Z + "evil." + Z + "example");
  }

  @Test
  void numbersVersionsAndAddressesStayAsTheyAre() {
    String reason = "Threshold Crossed: 3 out of the last 3 datapoints [91.2, 95.0, 97.1] were greater than the threshold (80.0).";
    assertThat(SlackText.escape(reason)).isEqualTo(reason);
    assertThat(SlackText.escape("v1.2.3 on 10.0.0.1")).isEqualTo("v1.2.3 on 10.0.0.1");
  }

  @Test
  void aNewlineCannotStartAFakeLine() {
    assertThat(SlackText.escape("disk ok\r\n\n:white_check_mark: *RESOLVED*\n"))
        .isEqualTo("disk ok ⏎ :" + Z + "white_check_mark: ∗RESOLVED∗");
  }

  @Test
  void markupDelimitersAreReplacedUnlessInsideAWord() {
    assertThat(SlackText.escape("*bold* _it_ ~x~ disk_used_percent a*b"))
        .isEqualTo("∗bold∗ ＿it＿ ∼x∼ disk_used_percent a*b");
  }

  @Test
  void aLeadingQuoteMarkIsBroken() {
    assertThat(SlackText.escape("> quoted")).isEqualTo(Z + "&gt; quoted");
  }

  @Test
  void backticksCannotCloseOurCodeSpans() {
    assertThat(SlackText.escape("a `b` ```c```")).isEqualTo("a 'b' '''c'''");
  }

  @Test
  void controlAndFormatCharactersAreDroppedSoEveryZeroWidthSpaceIsOurs() {
    assertThat(SlackText.escape("a\u0000b\u001b[31mc\td\u0085e\u009Bf\u202Eg\u200Bh\uFEFFi"))
        .isEqualTo("ab[31mc d ⏎ efghi");
  }

  @Test
  void truncatesBeforeEscapingSoAnEntityIsNeverCut() {
    assertThat(SlackText.escape("&&&&&&", 4)).isEqualTo("&amp;&amp;&amp;…");
    assertThat(SlackText.escape("abcdef", 6)).isEqualTo("abcdef");
    assertThat(SlackText.escape("abcdefg", 6)).isEqualTo("abcde…");
  }

  @Test
  void truncationKeepsSurrogatePairsWhole() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    assertThat(SlackText.escape(emoji.repeat(5), 3)).isEqualTo(emoji + emoji + "…");
  }

  @Test
  void nullBecomesEmpty() {
    assertThat(SlackText.escape(null)).isEmpty();
  }

  @Test
  void mrkdwnObjectsAreVerbatim() {
    assertThat(SlackText.mrkdwn("x").getVerbatim()).isTrue();
  }
}

package io.watchstream.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

  private static final String Z = SlackText.ZWSP;

  @Test
  void escapesTheThreeControlCharactersAsSlackEntities() {
    assertThat(SlackText.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
  }

  @Test
  void specialMentionsInAngleBracketsBecomeInertText() {
    String out = SlackText.escape("disk full <!channel> <!here> <!everyone> <@U024BE7LH> <!subteam^S1>");
    assertThat(out).doesNotContain("<").doesNotContain(">")
        .isEqualTo("disk full &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@" + Z + "U024BE7LH&gt; &lt;!subteam^S1&gt;");
  }

  @Test
  void bareAtMentionsAreBrokenWithAZeroWidthSpace() {
    assertThat(SlackText.escape("ping @here and @channel, @everyone, @alice.smith"))
        .isEqualTo("ping @" + Z + "here and @" + Z + "channel, @" + Z + "everyone, @" + Z + "alice.smith");
  }

  @Test
  void emailAddressesAreNotTreatedAsMentions() {
    assertThat(SlackText.escape("mail ops@example")).isEqualTo("mail ops@example");
  }

  @Test
  void linksAndLinkMarkupAreNeutralised() {
    String out = SlackText.escape("click <https://evil.example/login|your bank> or http://x.io or www.evil.com mailto:a@b");
    assertThat(out).doesNotContain("<http").doesNotContain("http://").doesNotContain("https://").doesNotContain("www.")
        .doesNotContain("mailto:")
        .startsWith("click &lt;https:" + Z + "//evil.example/login|your bank&gt; or http:" + Z + "//x.io or www" + Z + ".evil.com");
  }

  @Test
  void backticksCannotCloseOurCodeSpans() {
    assertThat(SlackText.escape("a `b` ```c```")).isEqualTo("a 'b' '''c'''");
  }

  @Test
  void controlCharactersAreDroppedButNewlinesKept() {
    assertThat(SlackText.escape("a\u0000b\u001b[31mc\nd\te")).isEqualTo("ab[31mc\nd\te");
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
}

package io.watchstream.notifier.slack;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A grammar of hostile strings for jqwik: links in every form Slack recognises (schemes of any length and glued to
 * anything, {@code www.}, bare and look-alike-dotted domains, e-mail addresses, link markup), wrapped in markup
 * ({@code _ * ~ `}, quotes), mentions, emoji shortcodes, every kind of line break, bidi and other format characters,
 * C0 and C1 controls, entities, mixed with ordinary words and with random text. Every string ends in a visible word,
 * so escaping never leaves it empty.
 */
public final class HostileText {

  private static final List<String> SCHEMES = List.of("https://", "http://", "HTTPS://", "ftp://", "mailto:", "tel:+1555",
      "slack://open", "javascript:", "averyveryverylongscheme+x-y://", "1https://", "x_https://", "hxxps://");
  private static final List<String> TARGETS = List.of("evil.example", "evil.example/login", "paypal.com/login",
      "www.evil.example", "EVIL.EXAMPLE", "xn--pple-43d.com", "evil\u3002example", "evil\uFF0Eexample",
      "evil\uFF61example", "10.0.0.1.nip.io", "ops@evil.example", "evil.рф", "a.b.c.d.co.uk/x?y=1#z", "localhost:8080");
  private static final List<String> WRAPPERS = List.of("_", "*", "~", "`", "```", "> ", "&gt;", "<", ">", "|", "(", "\"");
  private static final List<String> MENTIONS = List.of("<!channel>", "<!here>", "<!everyone>", "<@U1>", "<#C1|ops>",
      "<!subteam^S1>", "@here", "@channel", "@everyone", "@alice", "#general", "<https://evil.example|click me>",
      "<!date^1^{date}|x>", "＠here");
  private static final List<String> BREAKS = List.of("\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\u000B", "\u000C",
      "\n\n", "\t");
  private static final List<String> INVISIBLE = List.of("\u202E", "\u202D", "\u202A", "\u202B", "\u202C", "\u2066",
      "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C", "\u200B", "\u200C", "\u200D", "\uFEFF", "\u00AD",
      "\u2060", "\uDB40\uDC41", "\u0000", "\u0007", "\u001B[31m", "\u007F", "\u0080", "\u0085", "\u009B", "\u009F",
      "\uD800");
  private static final List<String> EMOJI = List.of(":white_check_mark:", ":red_circle:", ":+1:", ":rotating_light:",
      ":white_check_mark: *RESOLVED*", "::", ":x");
  private static final List<String> WORDS = List.of("x", "ok", "disk_used_percent", "a", " ", "12:34:56.789", "v1.2.3",
      "&", "&amp;", "ERROR:", ".", "-", "é", "\uD83D\uDE00");

  private HostileText() {
  }

  /** Hostile strings built from the grammar, with some random text mixed in. */
  public static Arbitrary<String> strings() {
    Arbitrary<String> link = Combinators.combine(Arbitraries.of(SCHEMES).injectNull(0.3), Arbitraries.of(TARGETS))
        .as((s, t) -> (s == null ? "" : s) + t);
    Arbitrary<String> wrapped = Combinators.combine(Arbitraries.of(WRAPPERS), link).as((w, l) -> w + l + w);
    Arbitrary<String> random = Arbitraries.strings().withChars(":@#._*~`<>&|!/\n\r\u202E\u200B\u0085 ax1")
        .ofMaxLength(12);
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(3, link), Tuple.of(3, wrapped),
        Tuple.of(2, Arbitraries.of(MENTIONS)), Tuple.of(2, Arbitraries.of(BREAKS)),
        Tuple.of(2, Arbitraries.of(INVISIBLE)), Tuple.of(2, Arbitraries.of(EMOJI)),
        Tuple.of(2, Arbitraries.of(WORDS)), Tuple.of(1, random),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
    Arbitrary<String> glue = Arbitraries.of("", " ", "", "\n");
    return Combinators.combine(piece.list().ofMinSize(1).ofMaxSize(8), glue.list().ofSize(8))
        .as((pieces, glues) -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < pieces.size(); i++) {
            sb.append(pieces.get(i)).append(glues.get(i));
          }
          return sb.append(" end").toString();
        });
  }

  /** The string with every character outside printable ASCII as a Java escape, for failure messages. */
  public static String show(String s) {
    return "\"" + s.chars().mapToObj(c -> c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04X", c))
        .collect(Collectors.joining()) + "\"";
  }
}

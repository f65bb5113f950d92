package io.watchstream.notifier.slack;

import com.slack.api.model.block.composition.MarkdownTextObject;

/**
 * Makes untrusted text (log lines, alert reasons, dimension values, new terms, AWS error details) inert in Slack, so
 * that nothing in it can page a channel, plant a link, fake a line of the message or change how it reads.
 *
 * <p>Slack interprets, in mrkdwn and partly in {@code plain_text}: {@code <...>} (links, {@code <!channel>},
 * {@code <@U123>}); bare {@code @here}/{@code @channel}/{@code @name} and {@code #channel}; every URL scheme, any
 * {@code www.} and bare domains such as {@code paypal.com/login}, which it auto-links; {@code *bold*},
 * {@code _italic_}, {@code ~strike~}, backtick code; {@code :emoji:} shortcodes; {@code >} quotes at a line start;
 * and line breaks. The rule applied here does not depend on where the text lands:
 * <ul>
 *   <li>control characters (Cc, C0 and C1), format characters (Cf: bidi overrides such as U+202E, zero-width
 *       characters, soft hyphens, tags) and lone surrogates are dropped, so every zero-width space in the result is
 *       one of ours;</li>
 *   <li>every line break (CR, LF, VT, FF, NEL, U+2028, U+2029) becomes a visible {@value #LINE_BREAK}, so a log line
 *       stays on the line we put it on; tabs become spaces;</li>
 *   <li>{@code & < >} become Slack's entities, and a leading {@code >} gets a zero-width space before it;</li>
 *   <li>a zero-width space goes after every {@code :}, {@code @} and dot (also the ideographic and full-width dots)
 *       followed by a non-space, except a dot between two digits (numbers, versions and IPv4 addresses stay
 *       copyable), and after {@code #} before a letter or digit: no scheme, mention, channel, shortcode,
 *       {@code www.} or domain survives;</li>
 *   <li>backticks become {@code '}, and {@code * _ ~} become look-alikes ({@code ∗ ＿ ∼}) unless they sit between two
 *       letters or digits, where Slack never reads them as markup ({@code disk_used_percent} stays as it is).</li>
 * </ul>
 * Truncation happens before escaping, on code-point boundaries, so it can never cut an entity or a break in half.
 */
public final class SlackText {

  /** Zero-width space: invisible, but ends the token Slack would otherwise read as a link, mention or shortcode. */
  public static final String ZWSP = "\u200B";
  /** What a line break in untrusted text becomes. */
  public static final String LINE_BREAK = " ⏎ ";
  public static final int DEFAULT_MAX_CHARS = 500;
  private static final String ELLIPSIS = "…";

  private SlackText() {
  }

  /** Escapes and truncates to {@link #DEFAULT_MAX_CHARS} characters of source text. */
  public static String escape(String untrusted) {
    return escape(untrusted, DEFAULT_MAX_CHARS);
  }

  /** Escapes {@code untrusted} for Slack, keeping at most {@code maxChars} code points of it. */
  public static String escape(String untrusted, int maxChars) {
    if (untrusted == null) {
      return "";
    }
    int[] cps = truncate(visibleOnOneLine(untrusted), maxChars).codePoints().toArray();
    StringBuilder out = new StringBuilder(cps.length + 16);
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      int prev = i > 0 ? cps[i - 1] : ' ';
      int next = i + 1 < cps.length ? cps[i + 1] : ' ';
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append(i == 0 ? ZWSP + "&gt;" : "&gt;");
        case '`' -> out.append('\'');
        case '*' -> out.append(intraword(prev, next) ? "*" : "∗");
        case '_' -> out.append(intraword(prev, next) ? "_" : "＿");
        case '~' -> out.append(intraword(prev, next) ? "~" : "∼");
        case ':', '@', '\uFF20' -> out.appendCodePoint(c).append(Character.isWhitespace(next) ? "" : ZWSP);
        case '#' -> out.append('#').append(Character.isLetterOrDigit(next) ? ZWSP : "");
        case '.', '\u3002', '\uFF0E', '\uFF61' -> out.appendCodePoint(c)
            .append(Character.isWhitespace(next) || (Character.isDigit(prev) && Character.isDigit(next)) ? "" : ZWSP);
        default -> out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /**
   * {@link #escape} that keeps as much of {@code untrusted} as fits in {@code maxOutputChars} characters of escaped
   * text, for fields Slack limits (a header holds 150): entities and breaks are never cut.
   */
  public static String escapeToFit(String untrusted, int maxOutputChars) {
    int keep = maxOutputChars;
    String escaped = escape(untrusted, keep);
    while (escaped.length() > maxOutputChars && keep > 1) {
      keep--;
      escaped = escape(untrusted, keep);
    }
    return escaped;
  }

  /**
   * A mrkdwn text object with {@code verbatim: true}: Slack then leaves plain-text content alone (no auto-linked URLs
   * or channel names) while still reading our own markup and {@code <...>} strings. A second line of defence behind
   * {@link #escape}, never a replacement for it.
   */
  public static MarkdownTextObject mrkdwn(String text) {
    return MarkdownTextObject.builder().text(text).verbatim(true).build();
  }

  /** Drops control and format characters and turns every kind of line break into {@link #LINE_BREAK}. */
  static String visibleOnOneLine(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean inBreak = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (isLineBreak(c)) {
        if (!inBreak && out.length() > 0) {
          out.append(LINE_BREAK);
        }
        inBreak = true;
        continue;
      }
      int type = Character.getType(c);
      if (c == '\t') {
        out.append(' ');
      } else if (type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE) {
        out.appendCodePoint(c);
        inBreak = false;
      }
    }
    int end = out.length();
    if (end >= LINE_BREAK.length() && out.substring(end - LINE_BREAK.length()).equals(LINE_BREAK)) {
      out.setLength(end - LINE_BREAK.length());
    }
    return out.toString();
  }

  private static boolean isLineBreak(int c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  private static boolean intraword(int prev, int next) {
    return Character.isLetterOrDigit(prev) && Character.isLetterOrDigit(next);
  }

  static String truncate(String text, int maxChars) {
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints <= maxChars) {
      return text;
    }
    int end = text.offsetByCodePoints(0, Math.max(0, maxChars - 1));
    return text.substring(0, end) + ELLIPSIS;
  }
}

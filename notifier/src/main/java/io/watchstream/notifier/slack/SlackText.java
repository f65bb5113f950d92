package io.watchstream.notifier.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes untrusted text (log lines, alert reasons, dimension values) safe to place in Slack mrkdwn.
 *
 * <p>Slack gives meaning to {@code <...>} (links, {@code <!channel>}, {@code <@U123>}), to bare
 * {@code @here}/{@code @channel}/{@code @everyone} and user handles when names are linked, and it
 * auto-links URLs and domains. A log line must never be able to page a whole channel or plant a
 * clickable link in an alert, so: the three control characters are entity-escaped as Slack documents,
 * every {@code @} that starts a word gets a zero-width space after it, URL schemes and {@code www.}
 * are broken with a zero-width space, backticks are replaced so text cannot close our code spans,
 * and control characters are dropped. Truncation happens before escaping, on code-point boundaries,
 * so it can never cut an entity such as {@code &amp;} in half.
 */
public final class SlackText {

  /** Zero-width space: invisible, but stops Slack recognising a mention or a link. */
  static final String ZWSP = "\u200B";
  public static final int DEFAULT_MAX_CHARS = 500;
  private static final String ELLIPSIS = "…";

  private static final Pattern MENTION = Pattern.compile("(^|[^\\p{Alnum}])@(?=[\\p{Alnum}._-])");
  private static final Pattern SCHEME = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{1,15}):(?=//)");
  private static final Pattern WWW = Pattern.compile("(?i)\\bwww\\.");
  private static final Pattern MAILTO = Pattern.compile("(?i)\\bmailto:");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

  private SlackText() {
  }

  /** Escapes and truncates to {@link #DEFAULT_MAX_CHARS} characters of source text. */
  public static String escape(String untrusted) {
    return escape(untrusted, DEFAULT_MAX_CHARS);
  }

  /** Escapes {@code untrusted} for mrkdwn, keeping at most {@code maxChars} code points of it. */
  public static String escape(String untrusted, int maxChars) {
    if (untrusted == null) {
      return "";
    }
    String text = CONTROL.matcher(untrusted).replaceAll("");
    text = truncate(text, maxChars);
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    text = text.replace('`', '\'');
    text = MENTION.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "@" + ZWSP));
    text = SCHEME.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + ZWSP));
    text = WWW.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group().substring(0, 3) + ZWSP + "."));
    text = MAILTO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group().substring(0, 6) + ZWSP + ":"));
    return text;
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

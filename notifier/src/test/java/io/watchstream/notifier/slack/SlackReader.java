package io.watchstream.notifier.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately generous model of what Slack reads into a mrkdwn (or {@code plain_text}) string: every construct
 * it could turn into a link, a mention, an emoji, markup, a quote or a new line, and every invisible character that
 * could reorder or hide text. It over-approximates Slack (any scheme of any length, any domain whose top label starts
 * with a letter, markup delimiters anywhere but between two letters or digits); the one thing it assumes is that a
 * zero-width space ends a token, which is what {@link SlackText} relies on.
 *
 * <p>Tests compare what it finds in a message rendered from hostile text with what it finds in the same message
 * rendered from benign text: anything more came from the hostile part.
 */
public final class SlackReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final com.google.gson.Gson SDK_GSON = GsonFactory.createSnakeCase();
  private static final String DOT = "[.\u3002\uFF0E\uFF61]";
  private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");
  private static final Pattern CONSOLE_LINK =
      Pattern.compile("https://[a-z0-9-]+\\.console\\.aws\\.amazon\\.com/cloudwatch/home\\?[^|\\s]*\\|CloudWatch");
  private static final Pattern RAW_AMP = Pattern.compile("&(?!amp;|lt;|gt;)");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:(?=[^\\s\u200B])");
  private static final Pattern WWW = Pattern.compile("(?i)www" + DOT + "(?=[^\\s\u200B])");
  private static final Pattern DOMAIN = Pattern.compile("[\\p{L}\\p{N}-]+(?:" + DOT + "[\\p{L}\\p{N}-]+)+");
  private static final Pattern TOP_LABEL = Pattern.compile(DOT + "\\p{L}[\\p{L}\\p{N}-]");
  private static final Pattern MENTION = Pattern.compile("[@\uFF20](?=[^\\s\u200B])");
  private static final Pattern CHANNEL = Pattern.compile("#(?=[\\p{L}\\p{N}])");
  private static final Pattern EMOJI = Pattern.compile(":[A-Za-z0-9_+'\\-]+:");
  private static final Pattern QUOTE = Pattern.compile("(?m)^(?:>|&gt;)");

  private SlackReader() {
  }

  /** Everything Slack could interpret in {@code text}, one entry per occurrence, in a stable order. */
  public static List<String> read(String text) {
    List<String> found = new ArrayList<>();
    Matcher quote = QUOTE.matcher(text);
    while (quote.find()) {
      found.add("quote");
    }
    StringBuilder rest = new StringBuilder();
    Matcher angle = ANGLE.matcher(text);
    int last = 0;
    while (angle.find()) {
      found.add(angleString(angle.group(1)));
      rest.append(text, last, angle.start()).append(' ');
      last = angle.end();
    }
    String r = rest.append(text.substring(last)).toString();
    r.codePoints().forEach(c -> {
      if (c == '<' || c == '>') {
        found.add("stray " + (char) c);
      } else if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) {
        found.add("line break");
      } else if (Character.getType(c) == Character.FORMAT && c != 0x200B) {
        found.add("format U+" + Integer.toHexString(c));
      } else if (Character.getType(c) == Character.CONTROL) {
        found.add("control U+" + Integer.toHexString(c));
      } else if (Character.getType(c) == Character.SURROGATE) {
        found.add("lone surrogate");
      }
    });
    all(RAW_AMP, r, "raw &", found);
    all(SCHEME, r, "scheme", found);
    all(WWW, r, "www", found);
    Matcher domain = DOMAIN.matcher(r);
    while (domain.find()) {
      if (TOP_LABEL.matcher(domain.group()).find()) {
        found.add("domain " + domain.group());
      }
    }
    all(MENTION, r, "mention", found);
    all(CHANNEL, r, "channel", found);
    all(EMOJI, r, "emoji", found);
    int[] cps = r.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == '`') {
        found.add("code `");
      } else if (c == '*' || c == '_' || c == '~') {
        boolean intraword = i > 0 && i + 1 < cps.length
            && Character.isLetterOrDigit(cps[i - 1]) && Character.isLetterOrDigit(cps[i + 1]);
        if (!intraword) {
          found.add("markup " + (char) c);
        }
      }
    }
    found.sort(null);
    return found;
  }

  /**
   * The text strings Slack renders from a message, in document order: the message's {@code text} and the
   * {@code text} of every text object in its blocks, read from the JSON the Slack SDK itself sends (its own Gson).
   */
  public static List<String> renderedTexts(String text, List<LayoutBlock> blocks) {
    String json = SDK_GSON.toJson(Payload.builder().text(text).blocks(blocks).build());
    try {
      List<String> out = new ArrayList<>();
      JsonNode root = JSON.readTree(json);
      if (root.hasNonNull("text")) {
        out.add(root.get("text").asText());
      }
      collect(root.path("blocks"), out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isObject()) {
      String type = node.path("type").asText();
      if ((type.equals("mrkdwn") || type.equals("plain_text")) && node.has("text")) {
        out.add(node.get("text").asText());
      }
      node.elements().forEachRemaining(child -> collect(child, out));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collect(child, out));
    }
  }

  private static String angleString(String inside) {
    if (inside.startsWith("!date^")) {
      return "date";
    }
    if (CONSOLE_LINK.matcher(inside).matches()) {
      return "link to the CloudWatch console";
    }
    return "angle <" + inside + ">";
  }

  private static void all(Pattern p, String s, String what, List<String> found) {
    Matcher m = p.matcher(s);
    while (m.find()) {
      found.add(what + " " + m.group());
    }
  }
}

package io.watchstream.processor.logs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/**
 * Rewrites a regex written in Java's syntax (which rule files have always used) into RE2/J's syntax with
 * the same meaning, and rejects what linear-time matching cannot do or would silently read differently:
 * backreferences, lookahead and lookbehind, atomic groups, possessive quantifiers, nested or intersected
 * character classes, the flags {@code d u x U}, and the escapes {@code \h \H \v \V \X \G \N{..} \b{..}}.
 *
 * <p>Rewritten so that matches stay what Java found: {@code .} (no line terminator unless {@code (?s)}),
 * {@code $} and {@code \Z} (end of input, or before a final line terminator unless {@code (?m)}),
 * {@code \s} (includes {@code \x0B}), {@code \R}, 4-digit unicode escapes, octal {@code \0nn}, {@code \e},
 * {@code \cX} and the POSIX classes {@code \p{Lower}}, {@code \p{Alpha}}, {@code \p{Punct}}, ... .
 *
 * <p>It also bounds the size of what RE2/J will compile, estimated from the regex (counted repetitions
 * multiply): matching costs about that many steps per character of text, and RE2/J would run out of
 * memory compiling {@code ((a{1000}){1000}){1000}} or out of stack matching {@code ((a?){100}){100}}.
 * Measured on RE2/J 1.8 in interpreted mode (its deepest stack use): every regex under the bound matches
 * within a 512 KiB thread stack, about half the smallest stack that overflowed (stream threads get 1 MiB).
 *
 * <p>Reads only regexes that {@link java.util.regex.Pattern} has already accepted, so the syntax is
 * well-formed when this runs.
 */
final class JavaRegexTranslation {

  /** Estimated program size above which a regex is refused: linear time with a small enough constant. */
  static final int MAX_SIZE = 1000;
  static final int MAX_NESTING = 100;

  private static final String LINE_TERMINATORS = "\\n\\r\\x{85}\\x{2028}\\x{2029}";
  private static final String DOT = "[^" + LINE_TERMINATORS + "]";
  private static final String END_OR_BEFORE_FINAL_TERMINATOR = "(?:\\r\\n|[" + LINE_TERMINATORS + "])?\\z";
  private static final String SPACE = "\\t\\n\\x0B\\f\\r ";
  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("Lower", "lower"), Map.entry("Upper", "upper"), Map.entry("ASCII", "ascii"),
      Map.entry("Alpha", "alpha"), Map.entry("Digit", "digit"), Map.entry("Alnum", "alnum"),
      Map.entry("Punct", "punct"), Map.entry("Graph", "graph"), Map.entry("Print", "print"),
      Map.entry("Blank", "blank"), Map.entry("Cntrl", "cntrl"), Map.entry("XDigit", "xdigit"),
      Map.entry("Space", "space"));

  /** One group being read: its flags and the estimated sizes of its finished and current alternatives. */
  private static final class Frame {
    boolean dotAll;
    boolean multiline;
    long finished;
    long current;
    long lastAtom;

    Frame(boolean dotAll, boolean multiline) {
      this.dotAll = dotAll;
      this.multiline = multiline;
    }

    void atom(long size) {
      current += size;
      lastAtom = size;
    }

    long size() {
      return finished + current;
    }
  }

  /**
   * The RE2/J regex; when {@code wholeMatchGroup} is true it is {@code (X)END} for a Java regex {@code X$},
   * and group 1 holds what Java's whole match was (RE2 has no zero-width "before the final line terminator").
   */
  record Translation(String regex, boolean wholeMatchGroup) {}

  private final String src;
  private final StringBuilder out = new StringBuilder();
  private final Deque<Frame> frames = new ArrayDeque<>();
  private int i;
  /** Where in {@link #out} the last top-level, end-of-input {@code $} began, or -1. */
  private int finalDollarAt = -1;

  private JavaRegexTranslation(String src) {
    this.src = src;
  }

  /** The RE2/J form of a Java regex with the same matches; IllegalArgumentException with the reason when there is none. */
  static Translation translate(String javaRegex) {
    JavaRegexTranslation t = new JavaRegexTranslation(javaRegex);
    t.frames.push(new Frame(false, false));
    while (t.i < javaRegex.length()) {
      t.next();
    }
    long size = t.frames.peek().size();
    if (size > MAX_SIZE) {
      throw new IllegalArgumentException("regex too large for linear-time matching (about " + size
          + " steps per character, at most " + MAX_SIZE + "): use smaller counted repetitions such as {n,m}");
    }
    boolean endsWithDollar = t.finalDollarAt >= 0 && t.out.length() == t.finalDollarAt + END_OR_BEFORE_FINAL_TERMINATOR.length()
        && t.frames.peek().finished == 0;
    if (endsWithDollar) {
      return new Translation("(" + t.out.substring(0, t.finalDollarAt) + ")" + END_OR_BEFORE_FINAL_TERMINATOR, true);
    }
    return new Translation(t.out.toString(), false);
  }

  private Frame frame() {
    return frames.peek();
  }

  private void next() {
    char c = src.charAt(i);
    switch (c) {
      case '\\' -> escape(false);
      case '[' -> characterClass();
      case '(' -> openGroup();
      case ')' -> closeGroup();
      case '|' -> {
        frame().finished += frame().current + 1;
        frame().current = 0;
        frame().lastAtom = 0;
        out.append('|');
        i++;
      }
      case '*', '+', '?' -> {
        i++;
        quantified(1, String.valueOf(c));
      }
      case '{' -> countedQuantifier();
      case '.' -> {
        out.append(frame().dotAll ? "(?s:.)" : DOT);
        frame().atom(1);
        i++;
      }
      case '$' -> {
        dollar();
        i++;
      }
      case '^' -> {
        out.append(frame().multiline ? "(?m:^)" : "^");
        frame().atom(1);
        i++;
      }
      default -> {
        // RE2 reads the characters left here (] } and non-operators) literally, as Java does
        int cp = src.codePointAt(i);
        out.appendCodePoint(cp);
        frame().atom(1);
        i += Character.charCount(cp);
      }
    }
  }

  private void dollar() {
    if (!frame().multiline && frames.size() == 1) {
      finalDollarAt = out.length();
    }
    out.append(frame().multiline ? "(?m:$)" : END_OR_BEFORE_FINAL_TERMINATOR);
    frame().atom(3);
  }

  private void quantified(long times, String operator) {
    if (i < src.length() && src.charAt(i) == '+') {
      throw unsupported("possessive quantifiers (" + operator + "+)");
    }
    Frame f = frame();
    long grown = f.lastAtom * times + 1;
    f.current += grown - f.lastAtom;
    f.lastAtom = grown;
    out.append(operator);
    if (i < src.length() && src.charAt(i) == '?') {
      out.append('?');
      i++;
    }
  }

  private void countedQuantifier() {
    int close = src.indexOf('}', i);
    String body = src.substring(i + 1, close);
    int comma = body.indexOf(',');
    long low = parseCount(comma < 0 ? body : body.substring(0, comma));
    long high = comma < 0 ? low : comma == body.length() - 1 ? low + 1 : parseCount(body.substring(comma + 1));
    i = close + 1;
    quantified(Math.max(1, high), "{" + body + "}");
  }

  private static long parseCount(String digits) {
    // Java accepts counts up to Integer.MAX_VALUE; the size bound rejects anything large anyway
    return digits.length() > 9 ? Integer.MAX_VALUE : Long.parseLong(digits.strip());
  }

  private void openGroup() {
    if (frames.size() > MAX_NESTING) {
      throw new IllegalArgumentException("regex nests groups more than " + MAX_NESTING + " deep");
    }
    Frame parent = frame();
    Frame inner = new Frame(parent.dotAll, parent.multiline);
    if (!src.startsWith("(?", i)) {
      out.append('(');
      i++;
      frames.push(inner);
      return;
    }
    if (src.startsWith("(?:", i)) {
      out.append("(?:");
      i += 3;
    } else if (src.startsWith("(?=", i) || src.startsWith("(?!", i)) {
      throw unsupported("lookahead (?= and (?!");
    } else if (src.startsWith("(?<=", i) || src.startsWith("(?<!", i)) {
      throw unsupported("lookbehind (?<= and (?<!");
    } else if (src.startsWith("(?>", i)) {
      throw unsupported("atomic groups (?>");
    } else if (src.startsWith("(?<", i)) {
      int close = src.indexOf('>', i);
      out.append("(?P<").append(src, i + 3, close).append('>');
      i = close + 1;
    } else {
      flags(parent, inner);
      return;
    }
    frames.push(inner);
  }

  /** {@code (?flags)} changes the enclosing group from here on; {@code (?flags:X)} only X. */
  private void flags(Frame parent, Frame inner) {
    int end = i + 2;
    while (src.charAt(end) != ')' && src.charAt(end) != ':') {
      end++;
    }
    boolean scoped = src.charAt(end) == ':';
    Frame target = scoped ? inner : parent;
    boolean on = true;
    StringBuilder caseFlag = new StringBuilder();
    for (int p = i + 2; p < end; p++) {
      char f = src.charAt(p);
      switch (f) {
        case '-' -> on = false;
        case 's' -> target.dotAll = on;
        case 'm' -> target.multiline = on;
        case 'i' -> caseFlag.append(on ? "i" : "-i");
        default -> throw unsupported("the flag (?" + f + ")");
      }
    }
    i = end + 1;
    if (scoped) {
      out.append(caseFlag.isEmpty() ? "(?:" : "(?" + caseFlag + ":");
      frames.push(inner);
    } else if (!caseFlag.isEmpty()) {
      out.append("(?").append(caseFlag).append(')');
    }
  }

  private void closeGroup() {
    Frame inner = frames.pop();
    out.append(')');
    i++;
    frame().atom(inner.size() + 1);
  }

  private void characterClass() {
    out.append('[');
    i++;
    if (src.charAt(i) == '^') {
      out.append('^');
      i++;
    }
    if (src.charAt(i) == ']') {
      out.append("\\]");
      i++;
    }
    while (src.charAt(i) != ']') {
      char c = src.charAt(i);
      if (c == '[') {
        throw unsupported("nested character classes such as [a[b]]");
      } else if (c == '&' && src.startsWith("&&", i)) {
        throw unsupported("character class intersection (&&)");
      } else if (c == '\\') {
        escape(true);
      } else {
        int cp = src.codePointAt(i);
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
    }
    out.append(']');
    i++;
    frame().atom(1);
  }

  /** One escape at {@code i}, inside a character class or not. */
  private void escape(boolean inClass) {
    char d = src.charAt(i + 1);
    switch (d) {
      case 'Q' -> {
        int end = src.indexOf("\\E", i + 2);
        String quoted = src.substring(i + 2, end < 0 ? src.length() : end);
        quoted.codePoints().forEach(cp -> {
          literal(cp);
          if (!inClass) {
            frame().atom(1);
          }
        });
        i = end < 0 ? src.length() : end + 2;
        return;
      }
      case '1', '2', '3', '4', '5', '6', '7', '8', '9', 'k' -> throw unsupported("backreferences (\\1, \\k<name>)");
      case 'h', 'H', 'v', 'V', 'X', 'G', 'N' -> throw unsupported("the escape \\" + d);
      case '0' -> {
        int p = i + 2;
        int value = 0;
        int digits = 0;
        int max = src.charAt(p) <= '3' ? 3 : 2;
        while (digits < max && p < src.length() && src.charAt(p) >= '0' && src.charAt(p) <= '7') {
          value = value * 8 + (src.charAt(p++) - '0');
          digits++;
        }
        i = p;
        hex(value);
      }
      case 'u' -> {
        int unit = Integer.parseInt(src.substring(i + 2, i + 6), 16);
        i += 6;
        if (Character.isHighSurrogate((char) unit) && src.startsWith("\\u", i) && i + 6 <= src.length()) {
          int low = Integer.parseInt(src.substring(i + 2, i + 6), 16);
          if (Character.isLowSurrogate((char) low)) {
            unit = Character.toCodePoint((char) unit, (char) low);
            i += 6;
          }
        }
        hex(unit);
      }
      case 'x' -> {
        int end = src.charAt(i + 2) == '{' ? src.indexOf('}', i) + 1 : i + 4;
        out.append(src, i, end);
        i = end;
      }
      case 'e' -> {
        i += 2;
        hex(0x1B);
      }
      case 'a' -> {
        i += 2;
        hex(0x07);
      }
      case 'c' -> {
        int control = src.charAt(i + 2) ^ 64;
        i += 3;
        hex(control);
      }
      case 's' -> {
        out.append(inClass ? SPACE : "[" + SPACE + "]");
        i += 2;
      }
      case 'S' -> {
        // inside a class RE2's \S is used: it differs from Java's only on \x0B
        out.append(inClass ? "\\S" : "[^" + SPACE + "]");
        i += 2;
      }
      case 'Z' -> {
        if (inClass) {
          throw unsupported("\\Z inside a character class");
        }
        i += 2;
        dollar();
        return;
      }
      case 'R' -> {
        out.append("(?:\\r\\n|[\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}])");
        i += 2;
      }
      case 'b' -> {
        if (src.startsWith("\\b{g}", i)) {
          throw unsupported("grapheme boundaries \\b{g}");
        }
        out.append("\\b");
        i += 2;
      }
      case 'p', 'P' -> property(d == 'P', inClass);
      default -> {
        if (Character.isLetter(d)) {
          out.append('\\').append(d); // \d \D \w \W \B \A \z \t \n \r \f: the same in both
          i += 2;
        } else {
          int cp = src.codePointAt(i + 1);
          literal(cp);
          i += 1 + Character.charCount(cp);
        }
      }
    }
    if (!inClass) {
      frame().atom(1);
    }
  }

  private void property(boolean negated, boolean inClass) {
    String name;
    if (src.charAt(i + 2) == '{') {
      int close = src.indexOf('}', i);
      name = src.substring(i + 3, close);
      i = close + 1;
    } else {
      name = String.valueOf(src.charAt(i + 2));
      i += 3;
    }
    String posix = POSIX.get(name);
    if (posix != null) {
      String cls = "[:" + (negated ? "^" : "") + posix + ":]";
      out.append(inClass ? cls : "[" + cls + "]");
      return;
    }
    if (name.length() > 2 && name.startsWith("Is") && Character.isUpperCase(name.charAt(2))) {
      name = name.substring(2); // \p{IsGreek}, \p{IsLu}: RE2 names scripts and categories without the prefix
    }
    if (name.toLowerCase(Locale.ROOT).startsWith("java") || name.startsWith("In") || name.contains("=")) {
      throw unsupported("the property \\p{" + name + "} (use a Unicode category or script such as \\p{L} or \\p{Greek})");
    }
    out.append('\\').append(negated ? 'P' : 'p').append('{').append(name).append('}');
  }

  private void hex(int codePoint) {
    out.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
  }

  /** A character written escaped or inside \\Q..\\E: literal in both, so ASCII punctuation is escaped for RE2. */
  private void literal(int cp) {
    if (cp < 128 && !Character.isLetterOrDigit(cp) && cp > ' ') {
      out.append('\\');
    }
    out.appendCodePoint(cp);
  }

  private static IllegalArgumentException unsupported(String what) {
    return new IllegalArgumentException("regex uses " + what
        + ", which linear-time matching does not support (see the README's log-rule patterns)");
  }
}

package io.watchstream.ingest.metrics;

import java.util.regex.Pattern;

/** A dimension value pattern: {@code *} matches any run of characters, {@code ?} one character, the rest literally. */
public final class Glob {

  private final String text;
  private final Pattern pattern;

  public Glob(String text) {
    this.text = text;
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      re.append(Pattern.quote(literal.toString()));
    }
    this.pattern = Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  public boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  /** True when the pattern has no wildcard, so it can be sent to ListMetrics as an exact dimension value. */
  public boolean isLiteral() {
    return text.indexOf('*') < 0 && text.indexOf('?') < 0;
  }

  public String text() {
    return text;
  }
}

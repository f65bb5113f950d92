package io.watchstream.schemas;

/**
 * The one wildcard matcher of every service: dimension filters, log group and stream selectors, ingest
 * selectors, notifier routes and silences, and the {@code *} wildcards of CloudWatch JSON and
 * space-delimited filter patterns. A glob matches a whole value: {@code *} stands for any run of
 * characters (line breaks included) and, in the {@link #of full dialect}, {@code ?} for exactly one
 * character (one code point); every other character stands for itself.
 *
 * <p>Matching never back-tracks: the glob is read as segments between its stars; the first segment must
 * start the value, the last must end it, and each middle segment is placed at its leftmost occurrence
 * after the previous one (leftmost is always safe, since a star absorbs whatever lies between). That costs
 * at most O(glob length × value length) steps, and about O(value length) for usual globs, on any input.
 */
public final class Glob {

  private final String text;
  private final boolean questionMark;

  private Glob(String text, boolean questionMark) {
    this.text = text;
    this.questionMark = questionMark;
  }

  /** {@code *} and {@code ?} are wildcards: the dialect of dimension filters and log selectors. */
  public static Glob of(String text) {
    return new Glob(text, true);
  }

  /** Only {@code *} is a wildcard and {@code ?} is literal: the dialect of filter-pattern values, routes and silences. */
  public static Glob starsOnly(String text) {
    return new Glob(text, false);
  }

  /** Shorthand for {@code Glob.of(glob).matches(value)}. */
  public static boolean matches(String glob, String value) {
    return of(glob).matches(value);
  }

  /** Whether the whole value matches; false for null. */
  public boolean matches(CharSequence value) {
    if (value == null) {
      return false;
    }
    int n = value.length();
    int firstStar = text.indexOf('*');
    if (firstStar < 0) {
      return matchAt(0, text.length(), value, 0) == n;
    }
    int from = matchAt(0, firstStar, value, 0);
    if (from < 0) {
      return false;
    }
    int lastStar = text.lastIndexOf('*');
    for (int s = firstStar; s < lastStar && from >= 0; ) {
      int next = text.indexOf('*', s + 1);
      from = find(s + 1, next, value, from);
      s = next;
    }
    if (from < 0) {
      return false;
    }
    return matchEndingAt(lastStar + 1, text.length(), value, n) >= from;
  }

  /** True when the glob has no wildcard, so it can be sent as an exact value (e.g. to ListMetrics). */
  public boolean isLiteral() {
    return text.indexOf('*') < 0 && !(questionMark && text.indexOf('?') >= 0);
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  /** The end of the segment {@code text[from, to)} matched at {@code at}, or -1. */
  private int matchAt(int from, int to, CharSequence value, int at) {
    int t = at;
    int n = value.length();
    for (int p = from; p < to; p++) {
      char c = text.charAt(p);
      if (t >= n) {
        return -1;
      }
      if (questionMark && c == '?') {
        t += Character.charCount(Character.codePointAt(value, t));
      } else if (value.charAt(t) == c) {
        t++;
      } else {
        return -1;
      }
    }
    return t;
  }

  /** The start of the segment {@code text[from, to)} matched so that it ends exactly at {@code end}, or -1. */
  private int matchEndingAt(int from, int to, CharSequence value, int end) {
    int t = end;
    for (int p = to - 1; p >= from; p--) {
      char c = text.charAt(p);
      if (t <= 0) {
        return -1;
      }
      if (questionMark && c == '?') {
        t -= Character.charCount(Character.codePointBefore(value, t));
      } else if (value.charAt(t - 1) == c) {
        t--;
      } else {
        return -1;
      }
    }
    return t;
  }

  /** The end of the leftmost occurrence of the segment {@code text[from, to)} at or after {@code start}, or -1. */
  private int find(int from, int to, CharSequence value, int start) {
    int n = value.length();
    for (int at = start; at <= n; at += at < n ? Character.charCount(Character.codePointAt(value, at)) : 1) {
      int end = matchAt(from, to, value, at);
      if (end >= 0) {
        return end;
      }
    }
    return -1;
  }
}

package io.watchstream.processor.logs;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A regex from a rule file ({@code %regex%}, {@code /regex/}, a new-term {@code field:}), written in Java's
 * syntax and matched by RE2/J: time linear in the text (at most about {@link JavaRegexTranslation#MAX_SIZE}
 * steps per character), no back-tracking and no recursion that grows with the text. Only the first
 * {@link #MAX_INPUT} characters of a line are searched.
 *
 * <p>Rejected at rule-load time, with the reason, as an {@link IllegalArgumentException}: invalid regexes
 * and the Java features RE2/J cannot match in linear time (see {@link JavaRegexTranslation}). A match that
 * still fails on one line throws {@link MatchFailedException}, a RuntimeException, so the caller can
 * dead-letter that record and go on; no Error escapes.
 */
public final class UserRegex {

  /** The part of a line a regex sees; the rest is ignored so the cost of one line stays bounded. */
  public static final int MAX_INPUT = 16 * 1024;

  /** Matching one line failed in a way that is a defect (ours or RE2/J's), never a property of the text. */
  public static final class MatchFailedException extends RuntimeException {
    MatchFailedException(String regex, Throwable cause) {
      super("regex /" + regex + "/ failed on this line: " + cause, null, false, false);
    }
  }

  private final String source;
  private final Pattern pattern;
  /** Group 1 is Java's whole match and the user's groups start at 2 (see {@link JavaRegexTranslation.Translation}). */
  private final boolean wholeMatchGroup;

  private UserRegex(String source, Pattern pattern, boolean wholeMatchGroup) {
    this.source = source;
    this.pattern = pattern;
    this.wholeMatchGroup = wholeMatchGroup;
  }

  public static UserRegex compile(String javaRegex) {
    try {
      java.util.regex.Pattern.compile(javaRegex); // the syntax rule files have always been checked against
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex: " + e.getDescription());
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("invalid regex: nested too deeply");
    }
    JavaRegexTranslation.Translation re2;
    try {
      re2 = JavaRegexTranslation.translate(javaRegex);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // a Java-valid regex the translation misread (a defect): refusing the rule beats failing a stream thread
      throw new IllegalArgumentException("regex not supported by linear-time matching: " + e);
    }
    try {
      return new UserRegex(javaRegex, Pattern.compile(re2.regex()), re2.wholeMatchGroup());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("regex not supported by linear-time matching: " + e.getDescription());
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("regex too complex for linear-time matching");
    }
  }

  /** Whether the regex occurs anywhere in the first {@link #MAX_INPUT} characters. */
  public boolean find(String text) {
    try {
      return pattern.matcher(bounded(text)).find();
    } catch (StackOverflowError | RuntimeException e) {
      throw new MatchFailedException(source, e);
    }
  }

  /** The first group of the leftmost match (the whole match when there is no group), or null. */
  public String extract(String text) {
    try {
      Matcher m = pattern.matcher(bounded(text));
      if (!m.find()) {
        return null;
      }
      int first = wholeMatchGroup ? 1 : 0;
      return m.groupCount() > first ? m.group(first + 1) : m.group(first);
    } catch (StackOverflowError | RuntimeException e) {
      throw new MatchFailedException(source, e);
    }
  }

  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserRegex r && r.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }

  private static String bounded(String text) {
    if (text.length() <= MAX_INPUT) {
      return text;
    }
    int end = MAX_INPUT;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never cut a character in two
    }
    return text.substring(0, end);
  }
}

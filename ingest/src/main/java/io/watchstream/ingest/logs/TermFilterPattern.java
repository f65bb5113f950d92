package io.watchstream.ingest.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Client-side check of the simple CloudWatch Logs filter patterns: terms and quoted phrases that must all
 * appear, {@code ?term}s of which at least one must appear, and {@code -term}s that must not. CloudWatch
 * applies the pattern server-side already; this second check is for stand-ins that only do part of it
 * (moto treats {@code ?term} and {@code -term} as match-all). JSON ({@code {...}}) and space-delimited
 * ({@code [...]}) patterns are left to the server: this class accepts every message for them.
 */
public final class TermFilterPattern {

  private final List<String> required = new ArrayList<>();
  private final List<String> anyOf = new ArrayList<>();
  private final List<String> excluded = new ArrayList<>();
  private final boolean serverOnly;

  public TermFilterPattern(String pattern) {
    String p = pattern == null ? "" : pattern.trim();
    serverOnly = p.startsWith("{") || p.startsWith("[");
    if (serverOnly) {
      return;
    }
    for (String token : tokens(p)) {
      if (token.length() > 1 && token.charAt(0) == '?') {
        anyOf.add(unquote(token.substring(1)));
      } else if (token.length() > 1 && token.charAt(0) == '-') {
        excluded.add(unquote(token.substring(1)));
      } else {
        required.add(unquote(token));
      }
    }
  }

  public boolean matches(String message) {
    if (serverOnly) {
      return true;
    }
    String m = message == null ? "" : message;
    for (String r : required) {
      if (!m.contains(r)) {
        return false;
      }
    }
    for (String x : excluded) {
      if (m.contains(x)) {
        return false;
      }
    }
    return anyOf.isEmpty() || anyOf.stream().anyMatch(m::contains);
  }

  private static List<String> tokens(String p) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : p.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        cur.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (!cur.isEmpty()) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String unquote(String t) {
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}

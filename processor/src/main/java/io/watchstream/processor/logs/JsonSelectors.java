package io.watchstream.processor.logs;

import com.fasterxml.jackson.databind.JsonNode;

/** Resolves {@code $.a.b[0].c} selectors on a JSON tree; null when any step is absent. */
final class JsonSelectors {

  static JsonNode select(JsonNode root, String selector) {
    if (!selector.startsWith("$")) {
      return null;
    }
    JsonNode node = root;
    int i = 1;
    int n = selector.length();
    while (i < n && node != null) {
      char c = selector.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && selector.charAt(i) != '.' && selector.charAt(i) != '[') {
          i++;
        }
        node = node.isObject() ? node.get(selector.substring(start, i)) : null;
      } else if (c == '[') {
        int close = selector.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        String inside = selector.substring(i + 1, close);
        i = close + 1;
        if (inside.matches("\\d{1,6}")) {
          node = node.isArray() ? node.get(Integer.parseInt(inside)) : null;
        } else {
          String key = inside.startsWith("'") || inside.startsWith("\"") ? inside.substring(1, Math.max(1, inside.length() - 1)) : inside;
          node = node.isObject() ? node.get(key) : null;
        }
      } else {
        return null;
      }
    }
    return node;
  }

  private JsonSelectors() {}
}

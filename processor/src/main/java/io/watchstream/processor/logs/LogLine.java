package io.watchstream.processor.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * One log message prepared for matching by many rules: the JSON tree and the space-delimited fields are
 * computed at most once. Messages are untrusted; anything longer than {@link #MAX_LENGTH} is cut.
 */
public final class LogLine {
  public static final int MAX_LENGTH = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String text;
  private JsonNode json;
  private boolean jsonParsed;
  private List<String> fields;

  public LogLine(String message) {
    String m = message == null ? "" : message;
    this.text = m.length() > MAX_LENGTH ? m.substring(0, MAX_LENGTH) : m;
  }

  public String text() {
    return text;
  }

  /** The message as JSON when it is a JSON object, else null. */
  public JsonNode json() {
    if (!jsonParsed) {
      jsonParsed = true;
      String t = text.strip();
      if (t.startsWith("{")) {
        try {
          JsonNode node = JSON.readTree(t);
          json = node != null && node.isObject() ? node : null;
        } catch (Exception e) {
          json = null; // not JSON: JSON patterns simply do not match
        }
      }
    }
    return json;
  }

  public List<String> fields() {
    if (fields == null) {
      fields = SpaceDelimited.split(text);
    }
    return fields;
  }
}

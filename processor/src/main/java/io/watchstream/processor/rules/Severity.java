package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad an alert is; routes notifications. */
public enum Severity {
  CRITICAL, WARNING, INFO;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.wireName().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("severity must be critical, warning or info");
  }
}

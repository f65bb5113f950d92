package io.watchstream.processor.anomaly;

import java.util.Locale;

/** Which baseline an anomaly rule uses; {@link #AUTO} lets each series pick robust or seasonal online. */
public enum ModelKind {
  AUTO, ROBUST, SEASONAL;

  /** Parses {@code auto|robust|seasonal}, case-insensitive. */
  public static ModelKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown model '" + text + "', expected auto, robust or seasonal", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

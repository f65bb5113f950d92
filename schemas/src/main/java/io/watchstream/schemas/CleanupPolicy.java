package io.watchstream.schemas;

/** A topic's {@code cleanup.policy}: data topics delete old segments, table-like topics keep the latest value per key. */
public enum CleanupPolicy {
  DELETE("delete"), COMPACT("compact");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the {@code cleanup.policy} topic config. */
  public String configValue() {
    return configValue;
  }
}

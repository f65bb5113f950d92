package io.watchstream.runtime.ops;

/**
 * The three answers of every service's {@code /health}. DEGRADED is still HTTP 200: the service is alive and a
 * restart would not bring back what it waits for (AWS, Slack, the registry); alert on it, do not restart on it.
 */
public enum HealthStatus {
  UP, DEGRADED, DOWN;

  /** 503 for DOWN (restart me), 200 otherwise. */
  public int httpStatus() {
    return this == DOWN ? 503 : 200;
  }
}

package io.watchstream.runtime.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a service says about itself at one instant, served by {@link OpsServer} as one compact JSON object:
 * {@code {"status":"DEGRADED","reason":"a; b","reasons":["a","b"],"ready":true, ...details}}. {@code reason} (the
 * reasons joined by "; ", absent when there are none) and {@code reasons} both stay because today's bodies and
 * their readers use one or the other. {@code details} are the service's own fields (counters, sub-states), after these.
 */
public record HealthReport(HealthStatus status, List<String> reasons, boolean ready, Map<String, Object> details) {

  public HealthReport {
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** UP with no reasons, ready. */
  public static HealthReport up(Map<String, Object> details) {
    return new HealthReport(HealthStatus.UP, List.of(), true, details);
  }

  /** UP when {@code reasons} is empty, DEGRADED otherwise; ready either way. */
  public static HealthReport upUnless(List<String> reasons, Map<String, Object> details) {
    return new HealthReport(reasons.isEmpty() ? HealthStatus.UP : HealthStatus.DEGRADED, reasons, true, details);
  }

  /** DOWN (not ready) for {@code reasons}. */
  public static HealthReport down(List<String> reasons, Map<String, Object> details) {
    return new HealthReport(HealthStatus.DOWN, reasons, false, details);
  }

  /** The body's fields in order: status, reason, reasons, ready, then the details (which cannot replace them). */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.name());
    if (!reasons.isEmpty()) {
      body.put("reason", String.join("; ", reasons));
    }
    body.put("reasons", reasons);
    body.put("ready", ready);
    details.forEach(body::putIfAbsent);
    return body;
  }
}

package io.watchstream.ingest;

import io.watchstream.ingest.config.HttpConfig;
import io.watchstream.runtime.ops.HealthReport;
import io.watchstream.runtime.ops.OpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ingest's {@code /health} says: UP; DEGRADED (still 200: a restart would not bring AWS or Kafka back) while any
 * duty is failing and retrying, with the duty and its last error; DOWN (503) once the loop has stopped for good
 * (fenced by another instance). The body also carries the number of series polled and the failing cycles per duty.
 */
final class IngestHealth {

  private static final Logger log = LoggerFactory.getLogger(IngestHealth.class);

  private IngestHealth() {}

  /** {@code /health} and {@code /metrics} on {@code http}'s host and port. */
  static OpsServer serve(HttpConfig http, Supplier<HealthReport> health, Supplier<String> prometheusScrape) {
    try {
      OpsServer server = new OpsServer(new OpsServer.Settings(http.host(), http.port(), "ingest-http"), health,
          prometheusScrape, List.of());
      log.info("health on http://{}:{}/health, Prometheus metrics on /metrics", http.host(), server.port());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the health/metrics port " + http.port(), e);
    }
  }

  /** {@code fatal}: why the loop stopped for good, null while it runs. */
  static HealthReport report(Duty refresh, Duty metrics, Duty logs, String fatal, int series) {
    Map<String, Object> failing = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    for (Duty d : List.of(refresh, metrics, logs)) {
      failing.put(d.name, d.consecutiveFailures());
      String r = d.reason();
      if (r != null) {
        reasons.add(r);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("series", series);
    details.put("failingCycles", failing);
    return fatal != null ? HealthReport.down(List.of("stopped: " + fatal), details) : HealthReport.upUnless(reasons, details);
  }
}

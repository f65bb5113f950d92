package io.watchstream.ingest.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Turns the AWS SDK's per-call metrics into Micrometer counters: calls by operation and outcome, HTTP
 * attempts, retries, and failed attempts by error type ({@code Throttling}, {@code ServerError},
 * {@code IO}, ...). Counting here, where the SDK retries with backoff and jitter, means every retry and
 * every throttle is counted, not only the ones that finally failed.
 *
 * <p>Every series for the operations ingest calls exists from start-up at 0, so a scrape shows
 * {@code watchstream_ingest_aws_throttles_total} before the first throttle and {@code rate()} and
 * {@code increase()} see the first one (a counter that appears at 1 looks like no change to Prometheus).
 */
public final class AwsSdkMetricsPublisher implements MetricPublisher {

  /** The CloudWatch and CloudWatch Logs operations ingest calls. */
  static final List<String> OPERATIONS = List.of("GetMetricData", "ListMetrics", "FilterLogEvents");
  /** The SDK's error types ({@code SdkErrorType}). */
  static final List<String> ERROR_TYPES = List.of("Throttling", "ServerError", "ConfiguredTimeout", "IO", "Other");

  private final MeterRegistry registry;

  public AwsSdkMetricsPublisher(MeterRegistry registry) {
    this.registry = registry;
    for (String operation : OPERATIONS) {
      registry.counter("watchstream.ingest.aws.calls", "operation", operation, "outcome", "ok");
      registry.counter("watchstream.ingest.aws.calls", "operation", operation, "outcome", "failed");
      registry.counter("watchstream.ingest.aws.attempts", "operation", operation);
      registry.counter("watchstream.ingest.aws.retries", "operation", operation);
      registry.counter("watchstream.ingest.aws.throttles", "operation", operation);
      for (String type : ERROR_TYPES) {
        registry.counter("watchstream.ingest.aws.errors", "operation", operation, "type", type);
      }
    }
  }

  @Override
  public void publish(MetricCollection call) {
    String operation = first(call, CoreMetric.OPERATION_NAME, "unknown");
    boolean ok = Boolean.TRUE.equals(first(call, CoreMetric.API_CALL_SUCCESSFUL, Boolean.FALSE));
    registry.counter("watchstream.ingest.aws.calls", "operation", operation, "outcome", ok ? "ok" : "failed").increment();
    Integer retries = first(call, CoreMetric.RETRY_COUNT, 0);
    if (retries > 0) {
      registry.counter("watchstream.ingest.aws.retries", "operation", operation).increment(retries);
    }
    for (MetricCollection attempt : call.children()) {
      if (!"ApiCallAttempt".equals(attempt.name())) {
        continue;
      }
      registry.counter("watchstream.ingest.aws.attempts", "operation", operation).increment();
      String error = first(attempt, CoreMetric.ERROR_TYPE, null);
      if (error != null) {
        if ("Throttling".equals(error)) {
          registry.counter("watchstream.ingest.aws.throttles", "operation", operation).increment();
        }
        registry.counter("watchstream.ingest.aws.errors", "operation", operation, "type", error).increment();
      }
    }
  }

  private static <T> T first(MetricCollection c, software.amazon.awssdk.metrics.SdkMetric<T> metric, T fallback) {
    var values = c.metricValues(metric);
    return values.isEmpty() ? fallback : values.get(0);
  }

  @Override
  public void close() {}
}

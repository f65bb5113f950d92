package io.watchstream.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollector;

/** The SDK reports one collection per API call with a child per HTTP attempt; these become our counters. */
class AwsSdkMetricsPublisherTest {

  @Test
  void throttledAttemptsAreCountedAsThrottlesRetriesAndErrors() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MetricCollector call = MetricCollector.create("ApiCall");
    call.reportMetric(CoreMetric.OPERATION_NAME, "GetMetricData");
    call.reportMetric(CoreMetric.API_CALL_SUCCESSFUL, true);
    call.reportMetric(CoreMetric.RETRY_COUNT, 2);
    call.createChild("ApiCallAttempt").reportMetric(CoreMetric.ERROR_TYPE, "Throttling");
    call.createChild("ApiCallAttempt").reportMetric(CoreMetric.ERROR_TYPE, "ServerError");
    call.createChild("ApiCallAttempt");

    new AwsSdkMetricsPublisher(registry).publish(call.collect());

    assertThat(registry.get("watchstream.ingest.aws.calls").tags("operation", "GetMetricData", "outcome", "ok").counter().count()).isEqualTo(1);
    assertThat(registry.get("watchstream.ingest.aws.attempts").tags("operation", "GetMetricData").counter().count()).isEqualTo(3);
    assertThat(registry.get("watchstream.ingest.aws.retries").tags("operation", "GetMetricData").counter().count()).isEqualTo(2);
    assertThat(registry.get("watchstream.ingest.aws.throttles").tags("operation", "GetMetricData").counter().count()).isEqualTo(1);
    assertThat(registry.get("watchstream.ingest.aws.errors").tags("operation", "GetMetricData", "type", "ServerError").counter().count()).isEqualTo(1);
  }

  @Test
  void aCallThatFinallyFailedIsCountedAsFailed() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MetricCollector call = MetricCollector.create("ApiCall");
    call.reportMetric(CoreMetric.OPERATION_NAME, "FilterLogEvents");
    call.reportMetric(CoreMetric.API_CALL_SUCCESSFUL, false);
    call.createChild("ApiCallAttempt").reportMetric(CoreMetric.ERROR_TYPE, "IO");

    new AwsSdkMetricsPublisher(registry).publish(call.collect());

    assertThat(registry.get("watchstream.ingest.aws.calls").tags("operation", "FilterLogEvents", "outcome", "failed").counter().count()).isEqualTo(1);
    assertThat(registry.get("watchstream.ingest.aws.errors").tags("operation", "FilterLogEvents", "type", "IO").counter().count()).isEqualTo(1);
    assertThat(registry.get("watchstream.ingest.aws.throttles").tags("operation", "FilterLogEvents").counter().count()).isZero();
  }

  @Test
  void everySeriesOfEveryOperationIngestCallsExistsAtZeroBeforeTheFirstCall() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new AwsSdkMetricsPublisher(registry);

    String scrape = registry.scrape();
    for (String operation : List.of("GetMetricData", "ListMetrics", "FilterLogEvents")) {
      assertThat(scrape)
          .contains("watchstream_ingest_aws_calls_total{operation=\"" + operation + "\",outcome=\"ok\"} 0.0")
          .contains("watchstream_ingest_aws_throttles_total{operation=\"" + operation + "\"} 0.0")
          .contains("watchstream_ingest_aws_retries_total{operation=\"" + operation + "\"} 0.0")
          .contains("watchstream_ingest_aws_errors_total{operation=\"" + operation + "\",type=\"ServerError\"} 0.0");
    }
  }
}

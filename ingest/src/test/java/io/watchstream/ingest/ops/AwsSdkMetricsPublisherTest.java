package io.watchstream.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
    assertThat(registry.find("watchstream.ingest.aws.throttles").counter()).isNull();
  }
}

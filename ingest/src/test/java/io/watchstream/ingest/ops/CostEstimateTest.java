package io.watchstream.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

  @Test
  void getMetricDataIsBilledPerMetricRequestedNotPerCall() {
    IngestConfig c = IngestConfigLoader.parse("""
        metrics:
          pollInterval: 60s
          refreshInterval: 15m
          selectors: [{namespace: AWS/EC2, metricName: CPUUtilization}]
        """, Map.of());

    CostEstimate e = CostEstimate.of(c, 10_000, 20);

    assertThat(e.getMetricDataCallsPerPoll()).isEqualTo(20);
    assertThat(e.metricsRequestedPerHour()).isEqualTo(600_000);
    assertThat(e.listMetricsRequestsPerHour()).isEqualTo(80);
    // 600,000 / 1000 x $0.01 + 80 / 1000 x $0.01
    assertThat(e.dollarsPerHour()).isCloseTo(6.0008, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.describe()).startsWith("estimated CloudWatch API cost: $6.00/hour");
  }
}

package io.watchstream.bench.workload;

import io.watchstream.sandbox.MotoServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** Puts the synthetic fleet's CPU datapoints into moto's CloudWatch with PutMetricData, for ingest to read back. */
public final class MotoMetrics {

  private MotoMetrics() {
  }

  public static CloudWatchClient client(MotoServer moto) {
    return CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(Region.of(moto.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        // moto answers large PutMetricData calls slowly on a busy machine.
        .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
            .socketTimeout(java.time.Duration.ofMinutes(2)))
        .build();
  }

  /** One datapoint per series per minute for {@code periods} minutes ending at {@code lastPeriod}; returns the count. */
  public static long put(CloudWatchClient cloudWatch, int series, int periods, Instant lastPeriod) {
    List<MetricDatum> batch = new ArrayList<>();
    long count = 0;
    for (int s = 0; s < series; s++) {
      for (int p = 0; p < periods; p++) {
        Instant at = lastPeriod.minusSeconds(60L * (periods - 1 - p));
        batch.add(MetricDatum.builder().metricName(SyntheticSeries.METRIC)
            .dimensions(Dimension.builder().name("InstanceId").value(SyntheticSeries.instanceId(s)).build())
            .timestamp(at).value(SyntheticSeries.calmValue(s, p)).unit(StandardUnit.PERCENT).build());
        count++;
        if (batch.size() == 200) {
          flush(cloudWatch, batch);
        }
      }
    }
    flush(cloudWatch, batch);
    return count;
  }

  private static void flush(CloudWatchClient cloudWatch, List<MetricDatum> batch) {
    if (!batch.isEmpty()) {
      cloudWatch.putMetricData(r -> r.namespace(SyntheticSeries.NAMESPACE).metricData(batch));
      batch.clear();
    }
  }
}

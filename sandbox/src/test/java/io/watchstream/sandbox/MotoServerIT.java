package io.watchstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** Own moto instance (not the shared one) because it stops and restarts it. */
class MotoServerIT {

  private static MotoServer moto;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @BeforeEach
  void emptyState() {
    moto.startAgain();
    moto.reset();
  }

  @Test
  void cloudWatchPutMetricDataIsListedAndResetEmptiesIt() {
    try (CloudWatchClient cloudWatch = cloudWatch()) {
      cloudWatch.putMetricData(r -> r.namespace("AWS/EC2").metricData(d -> d.metricName("CPUUtilization")
          .dimensions(Dimension.builder().name("InstanceId").value("i-1").build())
          .timestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS)).value(42.5).unit(StandardUnit.PERCENT)));

      List<Metric> metrics = cloudWatch.listMetrics(r -> r.namespace("AWS/EC2")
          .dimensions(DimensionFilter.builder().name("InstanceId").value("i-1").build())).metrics();
      assertThat(metrics).extracting(Metric::metricName).containsExactly("CPUUtilization");
      assertThat(metrics.get(0).dimensions()).extracting(Dimension::value).containsExactly("i-1");

      moto.reset();

      assertThat(cloudWatch.listMetrics(r -> r.namespace("AWS/EC2")).metrics()).isEmpty();
    }
  }

  @Test
  void stoppedEndpointRefusesConnectionsAndStartAgainServesOnTheSamePort() {
    int port = moto.port();
    try (CloudWatchClient cloudWatch = cloudWatch()) {
      moto.stop();
      assertThat(moto.isRunning()).isFalse();
      assertThatThrownBy(() -> cloudWatch.listMetrics(r -> r.namespace("AWS/EC2")))
          .isInstanceOf(SdkClientException.class);

      moto.startAgain();

      assertThat(moto.port()).isEqualTo(port);
      assertThat(cloudWatch.listMetrics(r -> r.namespace("AWS/EC2")).metrics()).isEmpty();
    }
  }

  private static CloudWatchClient cloudWatch() {
    return CloudWatchClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.of(moto.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }
}

package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.sandbox.MotoServer;
import io.watchstream.testkit.RealParts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/** The seeder writes the scenario into a real moto_server, readable back through the APIs ingest uses. */
class ScenarioSeederIT {

  private final MotoServer moto = RealParts.moto();

  @BeforeEach
  void emptyAccount() {
    moto.reset();
  }

  @Test
  void seedsTheGroupTheHistoryAndThenTheLiveMinutes() {
    Instant now = Instant.now();
    try (ScenarioSeeder seeder = new ScenarioSeeder(moto.endpoint());
         CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build();
         CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build()) {
      Scenario scenario = seeder.createFleet(now);
      assertThat(seeder.desiredCapacity()).isEqualTo(Scenario.INITIAL_CAPACITY);
      assertThat(scenario.fleet().all()).doesNotHaveDuplicates().allMatch(id -> id.startsWith("i-"));

      ScenarioSeeder.Written history = seeder.seedHistory(now);
      // 31 minutes (-30..0) of 3 instances x 3 metrics + 2 load balancer metrics.
      assertThat(history.datapoints()).isEqualTo(31 * 11);
      assertThat(history.logLines()).isPositive();

      Instant from = scenario.startOf(-30);
      GetMetricDataResponse cpu = cw.getMetricData(b -> b.startTime(from).endTime(scenario.startOf(1))
          .metricDataQueries(q -> q.id("cpu").metricStat(s -> s.period(60).stat("Average").metric(m -> m
              .namespace("AWS/EC2").metricName("CPUUtilization")
              .dimensions(Dimension.builder().name("InstanceId").value(scenario.fleet().web1()).build())))));
      List<Double> values = cpu.metricDataResults().get(0).values();
      assertThat(values).hasSize(31);
      assertThat(values.stream().filter(v -> v > 90).count()).isEqualTo(6); // minutes -5..0

      GetMetricDataResponse unhealthy = cw.getMetricData(b -> b.startTime(from).endTime(scenario.startOf(1))
          .metricDataQueries(q -> q.id("u").metricStat(s -> s.period(60).stat("Maximum").metric(m -> m
              .namespace("AWS/ApplicationELB").metricName("UnHealthyHostCount").dimensions(
                  Dimension.builder().name("LoadBalancer").value(Scenario.LOAD_BALANCER).build(),
                  Dimension.builder().name("TargetGroup").value(Scenario.TARGET_GROUP).build())))));
      assertThat(unhealthy.metricDataResults().get(0).values()).contains(1.0, 0.0);

      List<FilteredLogEvent> failed = logs.filterLogEvents(b -> b.logGroupName(Scenario.SECURE_LOG_GROUP)
          .filterPattern("\"Failed password\"").startTime(from.toEpochMilli())).events();
      assertThat(failed).isNotEmpty().allMatch(e -> e.message().contains("Failed password for"));

      // Live: a minute later the next minute's datapoints (and nothing twice) are written.
      ScenarioSeeder.Written live = seeder.playUntil(scenario.startOf(1).plusSeconds(1));
      assertThat(live.datapoints()).isEqualTo(11);
      assertThat(seeder.playUntil(scenario.startOf(1).plusSeconds(2)).datapoints()).isZero();
    }
  }

  @Test
  void noticesTheScaleOutAndRelievesTheSurgingInstance() {
    Instant now = Instant.now();
    try (ScenarioSeeder seeder = new ScenarioSeeder(moto.endpoint())) {
      Scenario scenario = seeder.createFleet(now);
      seeder.seedHistory(now);
      assertThat(seeder.scaledOutAtMinute()).isEmpty();
      try (var asg = software.amazon.awssdk.services.autoscaling.AutoScalingClient.builder()
          .endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build()) {
        asg.setDesiredCapacity(b -> b.autoScalingGroupName(Scenario.AUTO_SCALING_GROUP).desiredCapacity(4));
      }
      seeder.playUntil(scenario.startOf(1));
      assertThat(seeder.scaledOutAtMinute()).hasValue(1);
      assertThat(seeder.desiredCapacity()).isEqualTo(4);
    }
  }

  @Test
  void refusesANonLocalEndpoint() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScenarioSeeder(java.net.URI.create("https://monitoring.us-east-1.amazonaws.com")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local");
  }
}

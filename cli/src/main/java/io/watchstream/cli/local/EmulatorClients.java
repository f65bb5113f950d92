package io.watchstream.cli.local;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The AWS clients {@link ScenarioSeeder} writes the scenario with, all on one HTTP client, pointed at a local
 * emulator in {@link Scenario#REGION} with fixed dummy credentials (never a real account's), and closed together.
 */
record EmulatorClients(SdkHttpClient http, CloudWatchClient cloudWatch, CloudWatchLogsClient logs,
    AutoScalingClient autoScaling, Ec2Client ec2) implements AutoCloseable {

  static EmulatorClients connect(URI endpoint) {
    SdkHttpClient http = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    var override = ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build())
        .apiCallTimeout(Duration.ofSeconds(30)).build();
    Region region = Region.of(Scenario.REGION);
    return new EmulatorClients(http,
        CloudWatchClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
            .overrideConfiguration(override).endpointOverride(endpoint).build(),
        CloudWatchLogsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
            .overrideConfiguration(override).endpointOverride(endpoint).build(),
        AutoScalingClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
            .overrideConfiguration(override).endpointOverride(endpoint).build(),
        Ec2Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
            .overrideConfiguration(override).endpointOverride(endpoint).build());
  }

  @Override
  public void close() {
    cloudWatch.close();
    logs.close();
    autoScaling.close();
    ec2.close();
    http.close();
  }
}

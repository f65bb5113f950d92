package io.watchstream.ingest;

import io.watchstream.ingest.config.AwsConfig;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Builds the CloudWatch and CloudWatch Logs clients: the SDK's standard retry strategy (exponential
 * backoff with jitter, throttling-aware) capped at {@code aws.maxAttempts}, a per-call timeout, and the
 * metrics publisher that counts calls, retries and throttles. Credentials come from the SDK's default
 * chain; only when an endpoint override points at a stand-in (moto) is a dummy key used as a last resort.
 */
public final class AwsClients implements AutoCloseable {

  private final SdkHttpClient http;
  private final CloudWatchClient cloudWatch;
  private final CloudWatchLogsClient logs;

  public AwsClients(AwsConfig aws, MetricPublisher publisher) {
    http = ApacheHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(30))
        .maxConnections(16)
        .build();
    ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(aws.maxAttempts()).build())
        .apiCallTimeout(aws.apiCallTimeout())
        .addMetricPublisher(publisher)
        .build();
    AwsCredentialsProvider credentials = credentials(aws);
    var cw = CloudWatchClient.builder().httpClient(http).region(Region.of(aws.region()))
        .credentialsProvider(credentials).overrideConfiguration(override);
    var cwl = CloudWatchLogsClient.builder().httpClient(http).region(Region.of(aws.region()))
        .credentialsProvider(credentials).overrideConfiguration(override);
    if (aws.endpoint() != null && !aws.endpoint().isBlank()) {
      cw.endpointOverride(URI.create(aws.endpoint()));
      cwl.endpointOverride(URI.create(aws.endpoint()));
    }
    cloudWatch = cw.build();
    logs = cwl.build();
  }

  private static AwsCredentialsProvider credentials(AwsConfig aws) {
    DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
    if (aws.endpoint() == null || aws.endpoint().isBlank()) {
      return chain;
    }
    return AwsCredentialsProviderChain.builder()
        .credentialsProviders(chain, StaticCredentialsProvider.create(AwsBasicCredentials.create("stand-in", "stand-in")))
        .build();
  }

  public CloudWatchClient cloudWatch() {
    return cloudWatch;
  }

  public CloudWatchLogsClient logs() {
    return logs;
  }

  @Override
  public void close() {
    cloudWatch.close();
    logs.close();
    http.close();
  }
}

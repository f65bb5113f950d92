package io.watchstream.notifier;

import io.watchstream.notifier.config.NotifierConfig;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/** Configures AWS SDK client builders (SNS, Auto Scaling, CloudWatch) from the notifier's {@code aws} section. */
final class AwsClients {

  private AwsClients() {
  }

  static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, NotifierConfig.Aws aws) {
    builder.region(Region.of(aws.region()));
    AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
    if (aws.endpoint() != null && !aws.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(aws.endpoint()));
      // An endpoint override means moto (local mode, tests) or a private endpoint: keys from env, system
      // properties or a profile win, then a dummy key; the container and instance-metadata lookups are
      // skipped because off EC2 they only add tens of seconds of timeouts.
      chain = AwsCredentialsProviderChain.builder()
          .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
              SystemPropertyCredentialsProvider.create(), ProfileCredentialsProvider.create(),
              StaticCredentialsProvider.create(AwsBasicCredentials.create("stand-in", "stand-in")))
          .build();
    }
    builder.credentialsProvider(chain);
    return builder;
  }
}

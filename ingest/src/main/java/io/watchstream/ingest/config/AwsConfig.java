package io.watchstream.ingest.config;

import java.time.Duration;

/**
 * AWS access. {@code endpoint} is only set for moto or another stand-in; credentials come from the
 * SDK's default provider chain and are never part of this file.
 */
public record AwsConfig(String region, String endpoint, Integer maxAttempts, Duration apiCallTimeout) {
  public AwsConfig {
    region = region == null ? "us-east-1" : region;
    // Retries with exponential backoff and full jitter are the SDK's; this caps the attempts per call.
    maxAttempts = maxAttempts == null ? 4 : maxAttempts;
    apiCallTimeout = apiCallTimeout == null ? Duration.ofSeconds(60) : apiCallTimeout;
  }
}

package io.watchstream.ingest.config;

import java.time.Duration;

/**
 * What a record may look like before ingest writes it; anything else is set aside to {@code metrics.dlq} /
 * {@code logs.dlq} in the same transaction. {@code maxFutureSkew} is CloudWatch's own limit for PutMetricData
 * (2 h ahead), the one the processor enforces too; {@code maxPastAge} is CloudWatch's retention (15 months);
 * {@code maxRecordBytes} stays under the producer's and the broker's default limit of about 1 MiB, since a
 * CloudWatch Logs event may be up to 1 MB.
 */
public record BoundsConfig(Duration maxFutureSkew, Duration maxPastAge, Integer maxRecordBytes) {
  public BoundsConfig {
    maxFutureSkew = maxFutureSkew == null ? Duration.ofHours(2) : maxFutureSkew;
    maxPastAge = maxPastAge == null ? Duration.ofDays(455) : maxPastAge;
    maxRecordBytes = maxRecordBytes == null ? 1_000_000 : maxRecordBytes;
  }
}

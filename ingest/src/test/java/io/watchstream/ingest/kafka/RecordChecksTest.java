package io.watchstream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.MetricDatapoint;
import io.watchstream.ingest.config.BoundsConfig;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordChecksTest {

  private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
  private final RecordChecks bounds = new RecordChecks(new BoundsConfig(null, null, 1000));

  private static MetricDatapoint point(Instant at, double value) {
    return MetricDatapoint.newBuilder().setNamespace("AWS/EC2").setMetricName("CPUUtilization").setDimensions(List.of())
        .setTimestamp(at).setValue(value).setUnit(null).setStatistic("Average").setPeriodSeconds(60).setSource("cloudwatch")
        .build();
  }

  @Test
  void aDatapointWithinCloudWatchsTwoHoursAheadIsWrittenWithARecordTimestampTheBrokerAccepts() {
    Instant ahead = NOW.plus(Duration.ofMinutes(90));
    assertThat(bounds.check(point(ahead, 1.0), NOW.toEpochMilli())).isNull();
    assertThat(bounds.recordTimestamp(ahead.toEpochMilli(), NOW.toEpochMilli())).isEqualTo(NOW.toEpochMilli());
    Instant past = NOW.minusSeconds(60);
    assertThat(bounds.recordTimestamp(past.toEpochMilli(), NOW.toEpochMilli())).isEqualTo(past.toEpochMilli());
  }

  @Test
  void aDatapointStampedBeyondTheSkewOrInTheYear9999OrBeforeTheEpochIsOutOfBounds() {
    assertThat(bounds.check(point(NOW.plus(Duration.ofHours(2).plusSeconds(1)), 1.0), NOW.toEpochMilli()).kind())
        .isEqualTo(Kind.OUT_OF_BOUNDS);
    RecordChecks.Verdict far = bounds.check(point(Instant.parse("9999-12-31T23:59:00Z"), 1.0), NOW.toEpochMilli());
    assertThat(far.kind()).isEqualTo(Kind.OUT_OF_BOUNDS);
    assertThat(far.reason()).startsWith("datapoint timestamp 9999-12-31T23:59:00Z is more than PT2H ahead of the wall clock");
    assertThat(bounds.check(point(Instant.ofEpochMilli(-5), 1.0), NOW.toEpochMilli()).kind()).isEqualTo(Kind.OUT_OF_BOUNDS);
    assertThat(bounds.check(point(NOW.minus(Duration.ofDays(456)), 1.0), NOW.toEpochMilli()).kind()).isEqualTo(Kind.OUT_OF_BOUNDS);
  }

  @Test
  void nonFiniteValuesAreBadRecordsButHugeFiniteOnesAreData() {
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThat(bounds.check(point(NOW, v), NOW.toEpochMilli()).kind()).isEqualTo(Kind.BAD_RECORD);
    }
    assertThat(bounds.check(point(NOW, 1e308), NOW.toEpochMilli())).isNull();
  }

  @Test
  void aRecordOverTheByteLimitIsTooLarge() {
    assertThat(bounds.tooLarge(1000)).isNull();
    assertThat(bounds.tooLarge(1001).reason()).isEqualTo("log event of 1001 encoded bytes exceeds the record limit of 1000 bytes");
  }
}

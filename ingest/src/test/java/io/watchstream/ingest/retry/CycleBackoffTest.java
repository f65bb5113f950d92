package io.watchstream.ingest.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CycleBackoffTest {

  @Test
  void delaysGrowWithJitterUpToTheCapAndResetOnSuccess() {
    CycleBackoff b = new CycleBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    for (int i = 0; i < 20; i++) {
      assertThat(b.onFailure()).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }
    assertThat(b.consecutiveFailures()).isEqualTo(20);
    b.onSuccess();
    assertThat(b.consecutiveFailures()).isZero();
    assertThat(b.onFailure()).isLessThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void delaysAreJitteredNotConstant() {
    java.util.Set<Duration> seen = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      CycleBackoff b = new CycleBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
      b.onFailure();
      b.onFailure();
      seen.add(b.onFailure());
    }
    assertThat(seen.size()).isGreaterThan(5);
  }
}

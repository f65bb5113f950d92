package io.watchstream.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelRateLimiterTest {

  private final Instant t0 = Instant.parse("2026-11-25T14:00:00Z");

  @Test
  void burstsInOneChannelAreSpacedOneSecondApart() {
    ChannelRateLimiter limiter = new ChannelRateLimiter(Duration.ofSeconds(1));
    assertThat(limiter.reserve("#a", t0)).isZero();
    assertThat(limiter.reserve("#a", t0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.reserve("#a", t0.plusMillis(200))).isEqualTo(Duration.ofMillis(1800));
  }

  @Test
  void channelsAreIndependent() {
    ChannelRateLimiter limiter = new ChannelRateLimiter(Duration.ofSeconds(1));
    limiter.reserve("#a", t0);
    assertThat(limiter.reserve("#b", t0)).isZero();
  }

  @Test
  void aQuietChannelSendsImmediately() {
    ChannelRateLimiter limiter = new ChannelRateLimiter(Duration.ofSeconds(1));
    limiter.reserve("#a", t0);
    assertThat(limiter.reserve("#a", t0.plusSeconds(5))).isZero();
  }

  @Test
  void retryAfterPushesTheNextSlot() {
    ChannelRateLimiter limiter = new ChannelRateLimiter(Duration.ofSeconds(1));
    limiter.reserve("#a", t0);
    limiter.backOff("#a", t0, Duration.ofSeconds(30));
    assertThat(limiter.reserve("#a", t0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(29));
  }
}

package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacementsTest {

  private static final ProcessorOpsConfig OPS = new ProcessorOpsConfig(null, Duration.ofSeconds(30), Duration.ofMinutes(10),
      Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), null, null, null);

  /** A clock the test moves by hand. */
  private static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-07T02:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void everyFailureIsAnsweredWithAReplacementNeverAClientShutdown() {
    var replacements = new ThreadReplacements(OPS, new Hand());
    for (int i = 0; i < 20; i++) {
      assertThat(replacements.handle(new IllegalStateException("boom " + i))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
    assertThat(replacements.total()).isEqualTo(20);
    assertThat(replacements.recent()).get().satisfies(r -> {
      assertThat(r.inARow()).isEqualTo(20);
      assertThat(r.failure()).isEqualTo("java.lang.IllegalStateException: boom 19");
    });
  }

  @Test
  void aReplacementKeepsHealthDegradedOnlyForTheConfiguredWhile() {
    Hand clock = new Hand();
    var replacements = new ThreadReplacements(OPS, clock);
    replacements.handle(new RuntimeException("x"));
    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertThat(replacements.recent()).isPresent();
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(replacements.recent()).isEmpty();
    replacements.handle(new RuntimeException("y"));
    assertThat(replacements.recent()).get().extracting(ThreadReplacements.Replacement::inARow).isEqualTo(1);
  }

  @Test
  void backoffDoublesPerReplacementInARowUpToItsCap() {
    var ops = new ProcessorOpsConfig(null, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(1),
        Duration.ofMinutes(1), Duration.ofSeconds(5), null, null, null);
    var replacements = new ThreadReplacements(ops, new Hand());
    assertThat(replacements.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(replacements.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(replacements.backoff(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(replacements.backoff(7)).isEqualTo(Duration.ofMinutes(1));
    assertThat(replacements.backoff(500)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theReportedFailureIsTheRootCauseOnOneBoundedLineWithoutControlCharacters() {
    String huge = "line one \u001b[31m" + "a".repeat(500) + "\nline two";
    String d = ThreadReplacements.describe(new RuntimeException("wrapper", new IllegalArgumentException(huge)));
    assertThat(d).startsWith("java.lang.IllegalArgumentException: line one ?[31m").doesNotContain("line two", "\u001b");
    assertThat(d.length()).isLessThan(300);
  }
}

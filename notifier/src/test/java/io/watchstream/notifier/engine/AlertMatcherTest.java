package io.watchstream.notifier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMatcherTest {

  @Test
  void aMatcherWithManyStarsAgainstALongLabelReturnsPromptly() {
    AlertMatcher m = new AlertMatcher(Map.of("team", "*a*a*a*a*a*a*a*a*a*a*b"));
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertThat(m.matches(AlertBuilder.alarm().label("team", "a".repeat(40)).build(), "#c")).isFalse();
      assertThat(m.matches(AlertBuilder.alarm().label("team", "a".repeat(40) + "b").build(), "#c")).isTrue();
    });
  }

  @Test
  void aQuestionMarkIsLiteralAndAStarCrossesLineBreaks() {
    assertThat(new AlertMatcher(Map.of("team", "why?")).matches(AlertBuilder.alarm().label("team", "why?").build(), "#c")).isTrue();
    assertThat(new AlertMatcher(Map.of("team", "why?")).matches(AlertBuilder.alarm().label("team", "whyx").build(), "#c")).isFalse();
    assertThat(new AlertMatcher(Map.of("team", "a*z")).matches(AlertBuilder.alarm().label("team", "a\nz").build(), "#c")).isTrue();
  }
}

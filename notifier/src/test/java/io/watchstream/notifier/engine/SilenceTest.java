package io.watchstream.notifier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceTest {

  private final Alert alert = AlertBuilder.alarm().group("web-asg").build();

  @Test
  void aSilenceIsActiveOnlyBetweenStartAndEnd() {
    Silence s = new Silence("s1", Map.of("rule", "cpu-high"), Instant.parse("2026-11-25T10:00:00Z"),
        Instant.parse("2026-11-25T12:00:00Z"), null, "me", "deploy");
    assertThat(s.isActive(Instant.parse("2026-11-25T09:59:59Z"))).isFalse();
    assertThat(s.isActive(Instant.parse("2026-11-25T10:00:00Z"))).isTrue();
    assertThat(s.isActive(Instant.parse("2026-11-25T11:59:59Z"))).isTrue();
    assertThat(s.isActive(Instant.parse("2026-11-25T12:00:00Z"))).isFalse();
  }

  @Test
  void allMatchersMustMatch() {
    assertThat(new Silence("a", Map.of("rule", "cpu-*", "AutoScalingGroupName", "web-asg"), null, null, null, null, null)
        .matches(alert, "#c")).isTrue();
    assertThat(new Silence("b", Map.of("rule", "cpu-*", "severity", "warning"), null, null, null, null, null)
        .matches(alert, "#c")).isFalse();
    assertThat(new Silence("c", Map.of("missing-label", "*"), null, null, null, null, null)
        .matches(alert, "#c")).isFalse();
  }

  @Test
  void aSilenceWithoutMatchersIsRejected() {
    assertThatThrownBy(() -> new Silence("x", Map.of(), null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recurringWindowCoversItsLocalHoursOnItsDaysOnly() {
    // Wednesday 2026-11-25; Berlin is UTC+1 in November.
    Recurrence nightly = new Recurrence(EnumSet.of(DayOfWeek.WEDNESDAY), LocalTime.of(2, 0), Duration.ofHours(2),
        ZoneId.of("Europe/Berlin"));
    assertThat(nightly.covers(Instant.parse("2026-11-25T00:59:00Z"))).isFalse();
    assertThat(nightly.covers(Instant.parse("2026-11-25T01:00:00Z"))).isTrue();
    assertThat(nightly.covers(Instant.parse("2026-11-25T02:59:59Z"))).isTrue();
    assertThat(nightly.covers(Instant.parse("2026-11-25T03:00:00Z"))).isFalse();
    assertThat(nightly.covers(Instant.parse("2026-11-26T01:30:00Z"))).isFalse(); // Thursday
  }

  @Test
  void recurringWindowMayCrossMidnight() {
    Recurrence late = new Recurrence(Recurrence.parseDays("SAT"), LocalTime.of(23, 0), Duration.ofHours(3), ZoneId.of("UTC"));
    assertThat(late.covers(Instant.parse("2026-11-29T01:30:00Z"))).isTrue(); // Sunday 01:30, window began Saturday
    assertThat(late.covers(Instant.parse("2026-11-29T02:00:00Z"))).isFalse();
  }

  @Test
  void dayRangesParse() {
    assertThat(Recurrence.parseDays("MON-FRI")).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
        DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    assertThat(Recurrence.parseDays("FRI-MON")).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY,
        DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
    assertThat(Recurrence.parseDays("sat,sun")).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
  }

  @Test
  void silenceBookFindsOnlyActiveMatchingSilences() {
    SilenceBook book = new SilenceBook();
    Instant now = Instant.parse("2026-11-25T14:00:00Z");
    book.put(new Silence("expired", Map.of("rule", "*"), null, now.minusSeconds(1), null, null, null));
    book.put(new Silence("other", Map.of("rule", "disk-*"), null, null, null, null, null));
    assertThat(book.matching(alert, "#c", now)).isEmpty();
    book.put(new Silence("web", Map.of("team", "web"), null, now.plusSeconds(60), null, null, null));
    assertThat(book.matching(alert, "#c", now)).map(Silence::id).contains("web");
    book.remove("web");
    assertThat(book.matching(alert, "#c", now)).isEmpty();
  }
}

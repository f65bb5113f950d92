package io.watchstream.notifier.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A recurring maintenance window: on the given days, from {@code start} local time for {@code duration},
 * in {@code zone}. A window may cross midnight (start 23:00 for 3h covers 02:00 of the next day), and
 * daylight-saving changes follow the zone's rules.
 */
public record Recurrence(Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId zone) {

  public Recurrence {
    days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("maintenance window duration must be between 0 and 7 days: " + duration);
    }
  }

  public boolean covers(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    long lookBackDays = duration.toDays() + 1;
    for (long back = 0; back <= lookBackDays; back++) {
      LocalDate day = today.minusDays(back);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime begin = ZonedDateTime.of(day, start, zone);
      Instant from = begin.toInstant();
      if (!now.isBefore(from) && now.isBefore(from.plus(duration))) {
        return true;
      }
    }
    return false;
  }

  /** Parses a day list like {@code MON-FRI}, {@code SAT,SUN} or {@code *} (every day). */
  public static Set<DayOfWeek> parseDays(String spec) {
    EnumSet<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
    if (spec == null || spec.isBlank() || spec.equals("*")) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    for (String part : spec.split(",")) {
      String[] range = part.trim().split("-");
      DayOfWeek from = day(range[0]);
      DayOfWeek to = range.length > 1 ? day(range[1]) : from;
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        result.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return result;
  }

  private static DayOfWeek day(String abbreviation) {
    String a = abbreviation.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(a) && a.length() >= 2) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown day of week: " + abbreviation);
  }
}

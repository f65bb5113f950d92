package io.watchstream.cli.local;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One readable console line per alert transition, e.g.
 * {@code 14:03:00 ALARM  critical cpu-surge  AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60  Threshold Crossed: ...}.
 * The state is coloured when {@link Ansi} allows; control characters in the (possibly log-derived) reason are
 * replaced so that a log line cannot move the cursor or recolour the terminal.
 */
public final class AlertFormat {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private AlertFormat() {}

  public static String line(AlertTransition a, Ansi ansi) {
    AlarmState to = a.getToState();
    String state = String.format("%-6s", to == AlarmState.INSUFFICIENT_DATA ? "NODATA" : to.name());
    String coloured = switch (to) {
      case ALARM -> ansi.red(state);
      case OK -> ansi.green(state);
      case INSUFFICIENT_DATA -> ansi.yellow(state);
    };
    String reminder = a.getReminder() ? ansi.dim(" (reminder)") : "";
    return TIME.format(Instant.from(a.getTransitionTime())) + " " + coloured + " "
        + String.format("%-8s", a.getSeverity()) + " " + ansi.bold(a.getRuleId()) + "  " + a.getSeriesKey()
        + reminder + "  " + ansi.dim(clean(a.getReason()));
  }

  static String clean(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    String s = sb.toString();
    return s.length() > 200 ? s.substring(0, 199) + "…" : s;
  }
}

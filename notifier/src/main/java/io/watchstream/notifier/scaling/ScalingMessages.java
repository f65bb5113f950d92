package io.watchstream.notifier.scaling;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.notifier.scaling.ScalingRecords.Decision;
import io.watchstream.notifier.scaling.ScalingRecords.InFlight;
import io.watchstream.notifier.slack.SeriesText;
import io.watchstream.notifier.slack.SlackText;
import java.util.OptionalDouble;

/** The Slack texts of the {@link ScalingController}: a decision, and after the warm-up whether the change helped. */
final class ScalingMessages {

  private ScalingMessages() {
  }

  static String decision(ScalingCommand cmd, Decision d) {
    String group = "`" + SlackText.escape(d.group(), 120) + "`";
    String what = switch (d.outcome()) {
      case EXECUTED -> ":arrows_counterclockwise: Scaling " + group + " " + d.from() + " → " + d.to();
      case DRY_RUN -> ":test_tube: Dry run: would scale " + group + " " + d.from() + " → " + d.to();
      case REFUSED -> ":no_entry: Refused to scale " + group;
      case FAILED -> ":x: Failed to scale " + group;
    };
    return what + " (" + SlackText.escape(d.detail(), 300) + ") for rule `" + SlackText.escape(cmd.getRuleId(), 120)
        + "` v" + cmd.getRuleVersion() + ".\n" + SlackText.escape(cmd.getReason(), 500);
  }

  static String outcome(String group, InFlight f, OptionalDouble after, AlarmState alert) {
    String metricName = metricName(f.seriesKey());
    String change = "Scaled `" + SlackText.escape(group, 120) + "` " + f.from() + " → " + f.to();
    String values;
    if (f.metricBefore() != null && after.isPresent()) {
      double a = after.getAsDouble();
      values = a == f.metricBefore() ? metricName + " stayed at " + fmt(a)
          : metricName + (a < f.metricBefore() ? " fell" : " rose") + " from " + fmt(f.metricBefore()) + " to " + fmt(a);
    } else {
      values = metricName + " value unknown";
    }
    boolean helped = alert == AlarmState.OK
        || (alert == null && f.metricBefore() != null && after.isPresent() && after.getAsDouble() < f.metricBefore());
    String verdict = helped ? "it helped" : "it did not help";
    String alertText = alert == null ? "" : ", alert `" + SlackText.escape(f.ruleId(), 120) + "` is " + alert;
    return change + ": " + values + alertText + " — " + verdict + ".";
  }

  private static String metricName(String seriesKey) {
    int brace = seriesKey.indexOf('{');
    String head = brace < 0 ? seriesKey : seriesKey.substring(0, brace);
    return SlackText.escape(head.substring(head.lastIndexOf('/') + 1), 120);
  }

  private static String fmt(double v) {
    return SeriesText.number(v);
  }
}

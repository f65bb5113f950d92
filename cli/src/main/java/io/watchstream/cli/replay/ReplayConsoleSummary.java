package io.watchstream.cli.replay;

import io.watchstream.replay.Replay;
import io.watchstream.replay.ReplaySummary;
import io.watchstream.replay.RunResult;
import java.io.PrintWriter;

/** The few lines {@code watchstream replay} prints when done: input, totals per rule set, rule diffs, throughput. */
public final class ReplayConsoleSummary {

  private ReplayConsoleSummary() {}

  public static void print(PrintWriter out, Replay.Outcome o) {
    ReplaySummary s = o.summary();
    out.printf("replayed %d datapoints of %d series and %d log events (%s .. %s)%n", s.input().datapoints(), s.input().series(),
        s.input().logEvents(), s.input().from(), s.input().to());
    for (ReplaySummary.RuleSet rs : s.ruleSets()) {
      out.printf("%-9s transitions=%d alarms=%d timeInAlarm=%ds slack=%d scaling=%d%n", rs.label(), rs.totals().transitions(),
          rs.totals().alarms(), rs.totals().timeInAlarmMs() / 1000, rs.totals().slackMessages(), rs.totals().scalingCommands());
    }
    if (s.diff() != null) {
      for (ReplaySummary.RuleDiff d : s.diff()) {
        out.printf("  %-24s %-17s added=%d removed=%d shifted=%d unchanged=%d%n", d.ruleId(), d.status(), d.added(), d.removed(),
            d.shifted(), d.unchanged());
      }
    }
    for (RunResult r : o.runs()) {
      out.printf("%s: %.0f datapoints/s%n", r.label(), r.recordsPerSecond());
    }
    out.flush();
  }
}

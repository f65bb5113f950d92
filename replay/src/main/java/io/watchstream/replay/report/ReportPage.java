package io.watchstream.replay.report;

import static io.watchstream.replay.report.ReportText.NONE;
import static io.watchstream.replay.report.ReportText.duration;
import static io.watchstream.replay.report.ReportText.ratio;
import static io.watchstream.replay.report.ReportText.signed;

import io.watchstream.replay.ReplaySummary;
import io.watchstream.replay.RuleSetRun;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What {@code report.html.mustache} shows, already formatted: the input, the legend, the totals per rule set,
 * the candidate diff and one section per rule. Texts stay raw here; the template escapes them.
 *
 * @param logEvents null when the input had no log events, so the template leaves them out
 * @param hasDiff whether a candidate ran (its table is shown even when no rule differs)
 * @param data the plot data as JSON, with {@code </} broken up so it cannot close its script element
 */
record ReportPage(
    String source, int series, long datapoints, Long logEvents, String from, String to,
    List<LegendEntry> legend, List<TotalsRow> totals, boolean hasDiff, List<DiffRow> diff, List<RuleSection> rules, String data) {

  record LegendEntry(int index, String label, String file) {}

  record TotalsRow(String label, String file, int transitions, int alarms, String timeInAlarm, int slackMessages,
                   int scalingCommands, long lateRecords, long deadLetters) {}

  record DiffRow(String ruleId, String status, int added, int removed, int shifted, int unchanged, String timeInAlarmDelta,
                 int slackMessagesDelta, int scalingCommandsDelta) {}

  record RuleSection(String id, List<RuleRow> ruleRows, SeriesDiffs seriesDiffs) {}

  /** One rule set's line in a rule's table; {@code result} is null where the rule set has no such rule. */
  record RuleRow(String label, RuleCells result) {}

  record RuleCells(int seriesCovered, int transitions, int alarms, String timeInAlarm, int slackMessages, int scalingCommands,
                   String precision, String recall, String windowsHit, String meanDelay, String nabScore) {}

  record SeriesDiffs(int count, List<SeriesDiffRow> seriesRows) {}

  record SeriesDiffRow(String series, String added, String removed, String shifted) {}

  static ReportPage of(ReplaySummary summary, List<RuleSetRun> runs, List<String> ruleIds, String dataJson) {
    ReplaySummary.Input in = summary.input();
    List<LegendEntry> legend = IntStream.range(0, runs.size())
        .mapToObj(i -> new LegendEntry(i, runs.get(i).label(), runs.get(i).file())).toList();
    List<TotalsRow> totals = summary.ruleSets().stream().map(ReportPage::totalsRow).toList();
    List<DiffRow> diff = summary.diff() == null ? List.of() : summary.diff().stream().map(ReportPage::diffRow).toList();
    List<RuleSection> rules = ruleIds.stream().map(id -> ruleSection(summary, id)).toList();
    return new ReportPage(in.source(), in.series(), in.datapoints(), in.logEvents() > 0 ? in.logEvents() : null, in.from(), in.to(),
        legend, totals, summary.diff() != null, diff, rules, dataJson.replace("</", "<\\/"));
  }

  private static TotalsRow totalsRow(ReplaySummary.RuleSet s) {
    ReplaySummary.Totals t = s.totals();
    return new TotalsRow(s.label(), s.file(), t.transitions(), t.alarms(), duration(t.timeInAlarmMs()), t.slackMessages(),
        t.scalingCommands(), s.lateRecords(), s.deadLetters());
  }

  private static DiffRow diffRow(ReplaySummary.RuleDiff d) {
    return new DiffRow(d.ruleId(), d.status(), d.added(), d.removed(), d.shifted(), d.unchanged(), signed(d.timeInAlarmDeltaMs()),
        d.slackMessagesDelta(), d.scalingCommandsDelta());
  }

  private static RuleSection ruleSection(ReplaySummary summary, String ruleId) {
    List<RuleRow> rows = summary.ruleSets().stream().map(s -> new RuleRow(s.label(),
        s.rules().stream().filter(x -> x.ruleId().equals(ruleId)).findFirst().map(ReportPage::ruleCells).orElse(null))).toList();
    SeriesDiffs seriesDiffs = summary.diff() == null ? null : summary.diff().stream()
        .filter(d -> d.ruleId().equals(ruleId) && !d.series().isEmpty()).findFirst()
        .map(d -> new SeriesDiffs(d.series().size(), d.series().stream().map(ReportPage::seriesDiffRow).toList())).orElse(null);
    return new RuleSection(ruleId, rows, seriesDiffs);
  }

  private static RuleCells ruleCells(ReplaySummary.RuleResult r) {
    ReplaySummary.Totals t = r.totals();
    ReplaySummary.Detection d = r.detection();
    return new RuleCells(r.seriesCovered(), t.transitions(), t.alarms(), duration(t.timeInAlarmMs()), t.slackMessages(),
        t.scalingCommands(),
        d == null ? NONE : ratio(d.precision()),
        d == null ? NONE : ratio(d.recall()),
        d == null ? NONE : d.windowsDetected() + " / " + d.windows(),
        d == null || d.meanDelayMs() == null ? NONE : duration(d.meanDelayMs()),
        d == null || d.nab() == null ? NONE : ReportText.score(d.nab().normalised()));
  }

  private static SeriesDiffRow seriesDiffRow(ReplaySummary.SeriesDiff sd) {
    return new SeriesDiffRow(sd.series(),
        String.join(", ", sd.added().stream().map(ReplaySummary.Span::start).toList()),
        String.join(", ", sd.removed().stream().map(ReplaySummary.Span::start).toList()),
        String.join(", ", sd.shifted().stream().map(x -> x.baselineStart() + " → " + signed(x.byMs())).toList()));
  }
}

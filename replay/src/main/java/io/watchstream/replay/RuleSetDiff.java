package io.watchstream.replay;

import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.Rule;
import io.watchstream.processor.rules.RuleJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per rule, how the candidate rule set's alerts differ from the baseline's ({@link AlertDiff} per series) and
 * what that changes in time in ALARM, Slack messages and scaling commands; part of {@link ReplayAnalysis}.
 */
final class RuleSetDiff {

  private RuleSetDiff() {}

  static List<ReplaySummary.RuleDiff> of(RuleSetRun base, ReplayAnalysis.Grouped b, RuleSetRun cand, ReplayAnalysis.Grouped c) {
    Map<String, Rule> baseRules = byId(base.rules());
    Map<String, Rule> candRules = byId(cand.rules());
    List<String> ids = new ArrayList<>(baseRules.keySet());
    candRules.keySet().stream().filter(id -> !baseRules.containsKey(id)).forEach(ids::add);
    List<ReplaySummary.RuleDiff> out = new ArrayList<>();
    for (String id : ids) {
      Rule br = baseRules.get(id);
      Rule cr = candRules.get(id);
      String status = br == null ? "only-in-candidate" : cr == null ? "only-in-rules"
          : RuleJson.toJson(br).equals(RuleJson.toJson(cr)) ? "same-definition" : "changed";
      TreeSet<String> series = new TreeSet<>(b.transitions().getOrDefault(id, Map.of()).keySet());
      series.addAll(c.transitions().getOrDefault(id, Map.of()).keySet());
      int added = 0;
      int removed = 0;
      int shifted = 0;
      int unchanged = 0;
      long alarmDelta = 0;
      int slackDelta = 0;
      int scalingDelta = 0;
      List<ReplaySummary.SeriesDiff> seriesDiffs = new ArrayList<>();
      for (String s : series) {
        List<AlarmSpans.Span> bs = b.spans(id, s);
        List<AlarmSpans.Span> cs = c.spans(id, s);
        AlertDiff.Result d = AlertDiff.of(bs, cs);
        added += d.added().size();
        removed += d.removed().size();
        shifted += d.shifted().size();
        unchanged += d.unchanged();
        alarmDelta += cs.stream().mapToLong(AlarmSpans.Span::duration).sum() - bs.stream().mapToLong(AlarmSpans.Span::duration).sum();
        slackDelta += c.of(id, s).stream().mapToInt(Transition::slackMessages).sum()
            - b.of(id, s).stream().mapToInt(Transition::slackMessages).sum();
        scalingDelta += c.scaling().getOrDefault(id, Map.of()).getOrDefault(s, 0) - b.scaling().getOrDefault(id, Map.of()).getOrDefault(s, 0);
        if (d.differs()) {
          seriesDiffs.add(new ReplaySummary.SeriesDiff(s,
              d.added().stream().map(ReplayAnalysis::span).toList(),
              d.removed().stream().map(ReplayAnalysis::span).toList(),
              d.shifted().stream().map(x -> new ReplaySummary.Shift(ReplayAnalysis.iso(x.baseline().start()), ReplayAnalysis.iso(x.candidate().start()), x.byMs())).toList()));
        }
      }
      out.add(new ReplaySummary.RuleDiff(id, status, added, removed, shifted, unchanged, alarmDelta, slackDelta, scalingDelta, seriesDiffs));
    }
    return out;
  }

  private static Map<String, Rule> byId(List<LoadedRule> rules) {
    Map<String, Rule> m = new LinkedHashMap<>();
    rules.forEach(r -> m.put(r.rule().id(), r.rule()));
    return m;
  }
}

package io.watchstream.replay;

import io.watchstream.avro.AnomalyScore;
import io.watchstream.replay.nab.AnomalyWindow;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.Rule;
import io.watchstream.processor.rules.ThresholdRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the replay report: ONE self-contained HTML file (no network: inline CSS, inline data, inline JS
 * that draws SVG). Per rule: a table of totals per rule set, detection quality, the diff, and for every
 * series the rule covers a plot of the values with the threshold (or anomaly band), the labelled windows
 * and the ALARM spans of each rule set in their own lanes. Series are down-sampled (min and max per
 * bucket) to at most {@link #MAX_POINTS} points so the file stays small; spans and windows are exact.
 * Every text from input or rules is HTML-escaped (tables) or JSON-escaped with {@code </} broken up (data).
 */
public final class HtmlReport {

  static final int MAX_POINTS = 1200;
  /** Rules covering more series show the ones with most alarms first, up to this many plots. */
  static final int MAX_PLOTS_PER_RULE = 40;

  private final ReplaySummary summary;
  private final InputSeries input;
  private final LabelledWindows windows;
  private final List<RuleSetRun> runs;

  public HtmlReport(ReplaySummary summary, InputSeries input, LabelledWindows windows, List<RuleSetRun> runs) {
    this.summary = summary;
    this.input = input;
    this.windows = windows;
    this.runs = runs;
  }

  public void write(Path file) throws IOException {
    SummaryWriter.createParent(file);
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }

  public String render() {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>watchstream replay</title>\n")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    h.append("<h1>watchstream replay</h1>\n");
    ReplaySummary.Input in = summary.input();
    h.append("<p class=\"meta\">Input <code>").append(esc(in.source())).append("</code>: ").append(in.series()).append(" series, ")
        .append(in.datapoints()).append(" datapoints");
    if (in.logEvents() > 0) {
      h.append(", ").append(in.logEvents()).append(" log events");
    }
    h.append(", ").append(esc(in.from())).append(" to ").append(esc(in.to())).append(".</p>\n");
    h.append("<div class=\"legend\">");
    for (int i = 0; i < runs.size(); i++) {
      h.append("<span><i class=\"sw set").append(i).append("\"></i>ALARM under <b>").append(esc(runs.get(i).label()))
          .append("</b> (<code>").append(esc(runs.get(i).file())).append("</code>)</span>");
    }
    h.append("<span><i class=\"sw win\"></i>labelled window</span><span><i class=\"sw thr\"></i>threshold / band</span></div>\n");
    totalsTable(h);
    if (summary.diff() != null) {
      diffTable(h);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    List<Object> rulesData = new ArrayList<>();
    for (String ruleId : ruleIds()) {
      h.append("<section class=\"rule\" id=\"rule-").append(esc(ruleId)).append("\">\n<h2>Rule <code>").append(esc(ruleId)).append("</code></h2>\n");
      ruleTable(h, ruleId);
      h.append("<div class=\"plots\" data-rule=\"").append(esc(ruleId)).append("\"></div>\n</section>\n");
      rulesData.add(ruleData(ruleId));
    }
    data.put("sets", runs.stream().map(RuleSetRun::label).toList());
    data.put("rules", rulesData);
    String json = toJson(data);
    h.append("<script id=\"replay-data\" type=\"application/json\">").append(json.replace("</", "<\\/")).append("</script>\n");
    h.append("<script>").append(JS).append("</script>\n</body></html>\n");
    return h.toString();
  }

  private List<String> ruleIds() {
    List<String> ids = new ArrayList<>();
    for (RuleSetRun r : runs) {
      for (LoadedRule lr : r.rules()) {
        if (!ids.contains(lr.rule().id())) {
          ids.add(lr.rule().id());
        }
      }
    }
    return ids;
  }

  private void totalsTable(StringBuilder h) {
    h.append("<h2>Rule sets</h2>\n<table class=\"totals\"><tr><th>rule set</th><th>file</th><th>transitions</th><th>alarms</th>")
        .append("<th>time in ALARM</th><th>Slack messages</th><th>scaling commands</th><th>late</th><th>dead letters</th></tr>\n");
    for (ReplaySummary.RuleSet s : summary.ruleSets()) {
      ReplaySummary.Totals t = s.totals();
      h.append("<tr><td>").append(esc(s.label())).append("</td><td><code>").append(esc(s.file())).append("</code></td><td>")
          .append(t.transitions()).append("</td><td>").append(t.alarms()).append("</td><td>").append(duration(t.timeInAlarmMs()))
          .append("</td><td>").append(t.slackMessages()).append("</td><td>").append(t.scalingCommands()).append("</td><td>")
          .append(s.lateRecords()).append("</td><td>").append(s.deadLetters()).append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"note\">Slack messages: one per channel when an incident opens, is reminded or resolves, before the notifier's grouping, silences and flap damping. Scaling commands: records the topology wrote to scaling-commands.</p>\n");
  }

  private void diffTable(StringBuilder h) {
    h.append("<h2>Candidate vs rules</h2>\n<table class=\"diff\"><tr><th>rule</th><th>definition</th><th>added</th><th>removed</th>")
        .append("<th>shifted</th><th>unchanged</th><th>Δ time in ALARM</th><th>Δ Slack</th><th>Δ scaling</th></tr>\n");
    for (ReplaySummary.RuleDiff d : summary.diff()) {
      h.append("<tr><td><a href=\"#rule-").append(esc(d.ruleId())).append("\"><code>").append(esc(d.ruleId())).append("</code></a></td><td>")
          .append(esc(d.status())).append("</td><td class=\"add\">").append(d.added()).append("</td><td class=\"rem\">").append(d.removed())
          .append("</td><td>").append(d.shifted()).append("</td><td>").append(d.unchanged()).append("</td><td>")
          .append(signed(d.timeInAlarmDeltaMs())).append("</td><td>").append(d.slackMessagesDelta()).append("</td><td>")
          .append(d.scalingCommandsDelta()).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void ruleTable(StringBuilder h, String ruleId) {
    h.append("<table class=\"rule-totals\"><tr><th>rule set</th><th>series</th><th>transitions</th><th>alarms</th><th>time in ALARM</th>")
        .append("<th>Slack</th><th>scaling</th><th>precision</th><th>recall</th><th>windows hit</th><th>mean delay</th><th>NAB score</th></tr>\n");
    for (ReplaySummary.RuleSet s : summary.ruleSets()) {
      ReplaySummary.RuleResult r = s.rules().stream().filter(x -> x.ruleId().equals(ruleId)).findFirst().orElse(null);
      h.append("<tr><td>").append(esc(s.label())).append("</td>");
      if (r == null) {
        h.append("<td colspan=\"11\">not in this rule set</td></tr>\n");
        continue;
      }
      ReplaySummary.Totals t = r.totals();
      ReplaySummary.Detection d = r.detection();
      h.append("<td>").append(r.seriesCovered()).append("</td><td>").append(t.transitions()).append("</td><td>").append(t.alarms())
          .append("</td><td>").append(duration(t.timeInAlarmMs())).append("</td><td>").append(t.slackMessages()).append("</td><td>")
          .append(t.scalingCommands()).append("</td><td>").append(d == null ? "–" : num(d.precision())).append("</td><td>")
          .append(d == null ? "–" : num(d.recall())).append("</td><td>").append(d == null ? "–" : d.windowsDetected() + " / " + d.windows())
          .append("</td><td>").append(d == null || d.meanDelayMs() == null ? "–" : duration(d.meanDelayMs())).append("</td><td>")
          .append(d == null || d.nab() == null ? "–" : String.format(java.util.Locale.ROOT, "%.1f", d.nab().normalised())).append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (summary.diff() != null) {
      summary.diff().stream().filter(d -> d.ruleId().equals(ruleId) && !d.series().isEmpty()).findFirst().ifPresent(d -> {
        h.append("<details><summary>").append(d.series().size()).append(" series with different alerts</summary><table class=\"series-diff\">")
            .append("<tr><th>series</th><th>added</th><th>removed</th><th>shifted</th></tr>\n");
        for (ReplaySummary.SeriesDiff sd : d.series()) {
          h.append("<tr><td><code>").append(esc(sd.series())).append("</code></td><td>")
              .append(esc(String.join(", ", sd.added().stream().map(ReplaySummary.Span::start).toList()))).append("</td><td>")
              .append(esc(String.join(", ", sd.removed().stream().map(ReplaySummary.Span::start).toList()))).append("</td><td>")
              .append(esc(String.join(", ", sd.shifted().stream().map(x -> x.baselineStart() + " → " + signed(x.byMs())).toList())))
              .append("</td></tr>\n");
        }
        h.append("</table></details>\n");
      });
    }
  }

  private Map<String, Object> ruleData(String ruleId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ruleId);
    List<Object> thresholds = new ArrayList<>();
    Rule anyRule = null;
    for (RuleSetRun r : runs) {
      Rule rule = r.rules().stream().map(LoadedRule::rule).filter(x -> x.id().equals(ruleId)).findFirst().orElse(null);
      if (rule instanceof ThresholdRule t) {
        thresholds.add(List.of(t.threshold(), t.comparison().symbol()));
      } else {
        thresholds.add(null);
      }
      anyRule = anyRule == null ? rule : anyRule;
    }
    m.put("kind", anyRule == null ? "" : anyRule.kind());
    m.put("thresholds", thresholds);
    // plot every covered series, those with most alarms first
    ReplayAnalysis analysis = new ReplayAnalysis("", input, windows);
    List<InputSeries.Series> covered = anyRule == null ? List.of() : new ArrayList<>(coveredByAny(analysis, ruleId));
    List<ReplayAnalysis.Grouped> grouped = runs.stream().map(r -> ReplayAnalysis.group(r.result())).toList();
    List<Rule> versions = runs.stream().map(r -> r.rules().stream().map(LoadedRule::rule).filter(x -> x.id().equals(ruleId))
        .findFirst().orElse(null)).toList();
    covered.sort((a, b) -> Integer.compare(alarms(grouped, versions, b), alarms(grouped, versions, a)));
    List<Object> series = new ArrayList<>();
    for (InputSeries.Series s : covered.subList(0, Math.min(MAX_PLOTS_PER_RULE, covered.size()))) {
      Map<String, Object> sd = new LinkedHashMap<>();
      sd.put("name", s.canonical());
      long[][] t = new long[1][];
      double[][] v = new double[1][];
      downsample(s.timestamps(), s.values(), t, v);
      sd.put("t", t[0]);
      sd.put("v", v[0]);
      List<Object> spans = new ArrayList<>();
      for (int k = 0; k < grouped.size(); k++) {
        spans.add(versions.get(k) == null ? List.of() : grouped.get(k).spans(ruleId, ReplayAnalysis.seriesKeyUnder(versions.get(k), s))
            .stream().map(x -> new long[] {x.start(), x.end()}).toList());
      }
      sd.put("spans", spans);
      sd.put("windows", windows.windowsFor(s).orElse(List.of()).stream()
          .map((AnomalyWindow w) -> new long[] {w.startMillis(), w.endMillis()}).toList());
      sd.put("bands", bands(ruleId, s.canonical())); // anomaly scores carry the input series' own key
      series.add(sd);
    }
    m.put("series", series);
    m.put("seriesOmitted", Math.max(0, covered.size() - MAX_PLOTS_PER_RULE));
    return m;
  }

  private List<InputSeries.Series> coveredByAny(ReplayAnalysis analysis, String ruleId) {
    Map<String, InputSeries.Series> out = new LinkedHashMap<>();
    for (RuleSetRun r : runs) {
      r.rules().stream().map(LoadedRule::rule).filter(x -> x.id().equals(ruleId)).findFirst()
          .ifPresent(rule -> analysis.covered(rule).forEach(s -> out.put(s.canonical(), s)));
    }
    return new ArrayList<>(out.values());
  }

  private static int alarms(List<ReplayAnalysis.Grouped> grouped, List<Rule> versions, InputSeries.Series s) {
    int n = 0;
    for (int k = 0; k < grouped.size(); k++) {
      Rule rule = versions.get(k);
      n += rule == null ? 0 : grouped.get(k).spans(rule.id(), ReplayAnalysis.seriesKeyUnder(rule, s)).size();
    }
    return n;
  }

  /** Anomaly bands per rule set: [[t, lower, upper], ...] from the anomaly-scores output, down-sampled by stride. */
  private List<Object> bands(String ruleId, String series) {
    List<Object> out = new ArrayList<>();
    for (RuleSetRun r : runs) {
      List<double[]> band = new ArrayList<>();
      for (AnomalyScore a : r.result().anomalyScores()) {
        if (a.getRuleId().equals(ruleId) && a.getSeriesKey().equals(series) && a.getLower() != null && a.getUpper() != null) {
          band.add(new double[] {a.getTimestamp().toEpochMilli(), a.getLower(), a.getUpper()});
        }
      }
      int stride = Math.max(1, band.size() / MAX_POINTS);
      List<double[]> sampled = new ArrayList<>();
      for (int i = 0; i < band.size(); i += stride) {
        sampled.add(band.get(i));
      }
      out.add(sampled);
    }
    return out;
  }

  /** Keeps the first, min and max of each bucket, so spikes survive down-sampling. */
  static void downsample(long[] ts, double[] vs, long[][] tOut, double[][] vOut) {
    if (ts.length <= MAX_POINTS) {
      tOut[0] = ts;
      vOut[0] = vs;
      return;
    }
    int buckets = MAX_POINTS / 2;
    long[] t = new long[buckets * 2];
    double[] v = new double[buckets * 2];
    int n = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * ts.length / buckets);
      int to = (int) ((long) (b + 1) * ts.length / buckets);
      if (from >= to) {
        continue;
      }
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        if (vs[i] < vs[lo]) {
          lo = i;
        }
        if (vs[i] > vs[hi]) {
          hi = i;
        }
      }
      int a = Math.min(lo, hi);
      int c = Math.max(lo, hi);
      t[n] = ts[a];
      v[n++] = vs[a];
      if (c != a) {
        t[n] = ts[c];
        v[n++] = vs[c];
      }
    }
    tOut[0] = java.util.Arrays.copyOf(t, n);
    vOut[0] = java.util.Arrays.copyOf(v, n);
  }

  private static String toJson(Object o) {
    try {
      return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(o);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String duration(long ms) {
    Duration d = Duration.ofMillis(Math.abs(ms));
    String s = d.toDays() > 0 ? d.toDays() + "d " + d.toHoursPart() + "h" : d.toHours() > 0 ? d.toHours() + "h " + d.toMinutesPart() + "m"
        : d.toMinutes() + "m";
    return (ms < 0 ? "−" : "") + s;
  }

  private static String signed(long ms) {
    return (ms > 0 ? "+" : "") + duration(ms);
  }

  private static String num(Double d) {
    return d == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", d);
  }

  private static final String CSS = """
      body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
      h1{margin:0 0 4px}h2{margin:24px 0 8px;font-size:18px}
      table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
      th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}
      td.add{color:#b00}td.rem{color:#060}.note,.meta{color:#555}
      .legend span{margin-right:16px}.sw{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle}
      .sw.set0,.set0{background:#d62728;fill:#d62728}.sw.set1,.set1{background:#1f77b4;fill:#1f77b4}
      .sw.win{background:#fff3b0}.sw.thr{background:#ff7f0e}
      section.rule{border-top:2px solid #ddd;margin-top:24px}
      .plot{margin:10px 0}.plot .name{font:12px monospace;color:#333}
      svg.chart{background:#fff;border:1px solid #e5e5e5}
      svg .line{fill:none;stroke:#333;stroke-width:1}svg .thr{stroke:#ff7f0e;stroke-dasharray:5 3}
      svg .win{fill:#fff3b0}svg .band{fill:#ff7f0e;fill-opacity:.18}svg .axis{font:10px sans-serif;fill:#666}
      """;

  /** Draws every plot from the embedded data; pure DOM + SVG, no libraries, no network. */
  private static final String JS = """
      (function(){
      var NS='http://www.w3.org/2000/svg';
      var data=JSON.parse(document.getElementById('replay-data').textContent);
      function el(n,a,p){var e=document.createElementNS(NS,n);for(var k in a)e.setAttribute(k,a[k]);if(p)p.appendChild(e);return e;}
      function iso(ms){return new Date(ms).toISOString().replace('.000Z','Z');}
      data.rules.forEach(function(rule){
        var host=document.querySelector('.plots[data-rule="'+CSS.escape(rule.id)+'"]');
        if(!host)return;
        rule.series.forEach(function(s){
          var W=960,H=190,L=50,R=10,T=10,lane=8,B=20+lane*data.sets.length;
          var div=document.createElement('div');div.className='plot';
          var name=document.createElement('div');name.className='name';name.textContent=s.name;div.appendChild(name);
          var svg=el('svg',{'class':'chart',width:W,height:H,viewBox:'0 0 '+W+' '+H},div);
          var t0=s.t[0],t1=s.t[s.t.length-1];if(t1<=t0)t1=t0+1;
          var lo=Math.min.apply(null,s.v),hi=Math.max.apply(null,s.v);
          // a threshold far outside the data would flatten the series: show it in range only when it is close
          var span0=Math.max(hi-lo,Math.abs(hi)*0.1,1e-9);
          rule.thresholds.forEach(function(th){if(th&&th[0]>=lo-span0&&th[0]<=hi+span0){lo=Math.min(lo,th[0]);hi=Math.max(hi,th[0]);}});
          if(hi<=lo)hi=lo+1;var pad=(hi-lo)*0.05;lo-=pad;hi+=pad;
          function x(t){return L+(t-t0)/(t1-t0)*(W-L-R);}
          function y(v){return T+(hi-v)/(hi-lo)*(H-T-B);}
          s.windows.forEach(function(w){var a=Math.max(x(w[0]),L),b=Math.min(x(w[1]),W-R);if(b>a)el('rect',{'class':'win',x:a,y:T,width:b-a,height:H-T-B},svg);});
          s.bands.forEach(function(band){if(!band.length)return;var d='';band.forEach(function(p,i){d+=(i?'L':'M')+x(p[0]).toFixed(1)+' '+y(p[2]).toFixed(1);});
            for(var i=band.length-1;i>=0;i--)d+='L'+x(band[i][0]).toFixed(1)+' '+y(band[i][1]).toFixed(1);el('path',{'class':'band',d:d+'Z'},svg);});
          var d='';for(var i=0;i<s.t.length;i++)d+=(i?'L':'M')+x(s.t[i]).toFixed(1)+' '+y(s.v[i]).toFixed(1);
          el('path',{'class':'line',d:d},svg);
          rule.thresholds.forEach(function(th,k){if(th){var off=th[0]>hi?' (above the plot)':th[0]<lo?' (below the plot)':'';
            var yy=Math.min(Math.max(y(th[0]),T),H-B);el('line',{'class':'thr',x1:L,x2:W-R,y1:yy,y2:yy},svg);
            var lab=el('text',{'class':'axis',x:W-R-4,y:yy+(th[0]<lo?-3:(off?11+k*11:-3-k*11)),'text-anchor':'end'},svg);lab.textContent=data.sets[k]+' '+th[1]+' '+th[0]+off;}});
          s.spans.forEach(function(spans,k){var yy=H-B+16+k*lane;spans.forEach(function(sp){var a=x(sp[0]),b=Math.max(x(sp[1]),a+1.5);
            var r=el('rect',{'class':'span set'+k,x:a,y:yy,width:b-a,height:lane-2},svg);var ti=el('title',{},r);ti.textContent=data.sets[k]+' ALARM '+iso(sp[0])+' – '+iso(sp[1]);});});
          [[hi,T],[lo,H-B]].forEach(function(p){var tx=el('text',{'class':'axis',x:L-4,y:p[1]+4,'text-anchor':'end'},svg);tx.textContent=(+p[0].toPrecision(4)).toString();});
          [[t0,'start'],[t1,'end']].forEach(function(p){var tx=el('text',{'class':'axis',x:x(p[0]),y:H-B+12,'text-anchor':p[1]},svg);tx.textContent=iso(p[0]);});
          host.appendChild(div);
        });
        if(rule.seriesOmitted>0){var p=document.createElement('p');p.className='note';p.textContent=rule.seriesOmitted+' more series not plotted.';host.appendChild(p);}
      });
      document.body.setAttribute('data-rendered','true');
      })();
      """;
}

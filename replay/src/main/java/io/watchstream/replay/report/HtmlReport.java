package io.watchstream.replay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.replay.InputSeries;
import io.watchstream.replay.LabelledWindows;
import io.watchstream.replay.ReplaySummary;
import io.watchstream.replay.RuleSetRun;
import io.watchstream.replay.SummaryWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the replay report: ONE self-contained HTML file (no network: inline CSS, inline data, inline JS
 * that draws SVG). Per rule: a table of totals per rule set, detection quality, the diff, and for every
 * series the rule covers a plot of the values with the threshold (or anomaly band), the labelled windows
 * and the ALARM spans of each rule set in their own lanes. The markup is {@code report.html.mustache};
 * {@link ReportPage} is what it shows and {@link PlotData} what its script draws. Every text from input or
 * rules is HTML-escaped (tables) or JSON-escaped with {@code </} broken up (data).
 */
public final class HtmlReport {

  private static final Mustache TEMPLATE = new DefaultMustacheFactory("io/watchstream/replay/report") {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(ReportText.html(value));
      } catch (IOException e) {
        throw new MustacheException("cannot write the report", e);
      }
    }
  }.compile("report.html.mustache");

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    List<String> ruleIds = ruleIds();
    String data;
    try {
      data = JSON.writeValueAsString(PlotData.of(ruleIds, runs, input, windows));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    StringWriter out = new StringWriter(1 << 16);
    TEMPLATE.execute(out, ReportPage.of(summary, runs, ruleIds, data));
    return out.toString();
  }

  /** Every rule id of every rule set, in the order they first appear. */
  private List<String> ruleIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (RuleSetRun r : runs) {
      for (LoadedRule lr : r.rules()) {
        ids.add(lr.rule().id());
      }
    }
    return List.copyOf(ids);
  }
}

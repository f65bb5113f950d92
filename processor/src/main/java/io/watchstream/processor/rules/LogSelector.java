package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.watchstream.schemas.Glob;
import java.util.List;
import java.util.Locale;

/**
 * Which log lines a log rule looks at: a log group (glob allowed), optionally a stream glob, and whether
 * each matching group ({@code per: group}) or each stream ({@code per: stream}) is its own series.
 */
public record LogSelector(
    @JsonProperty("group") String group,
    @JsonProperty("stream") String stream,
    @JsonProperty("per") String per) {

  public LogSelector {
    stream = stream == null ? "*" : stream;
    per = per == null ? "group" : per.toLowerCase(Locale.ROOT);
  }

  public boolean matches(String logGroup, String logStream) {
    return Glob.matches(group, logGroup) && Glob.matches(stream, logStream);
  }

  /** The series key of a line: the group, or group/stream when every stream is its own series. */
  public String seriesKey(String logGroup, String logStream) {
    return "stream".equals(per) ? logGroup + "/" + logStream : logGroup;
  }

  void validate(List<RuleProblem> problems) {
    if (group == null || group.isBlank()) {
      problems.add(new RuleProblem("logs.group", "is required"));
    }
    if (!"group".equals(per) && !"stream".equals(per)) {
      problems.add(new RuleProblem("logs.per", "must be group or stream"));
    }
  }
}

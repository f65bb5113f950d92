package io.watchstream.ingest.config;

import io.watchstream.schemas.FilterTerms;
import java.util.Objects;

/** One log group to read, optionally narrowed by a stream name prefix and a filter pattern. */
public record LogSource(String logGroup, String streamPrefix, String filterPattern) {
  /** Stable identity of this source, used as its checkpoint key. */
  public String id() {
    return logGroup + "|" + Objects.toString(streamPrefix, "") + "|" + Objects.toString(filterPattern, "");
  }

  /**
   * The terms ingest checks again on what FilterLogEvents returns, for stand-ins that do only part of the filtering
   * (moto treats {@code ?term} and {@code -term} as match-all): those of a term pattern. JSON ({@code {...}}),
   * space-delimited ({@code [...]}) and regular-expression ({@code %...%}) patterns are left to CloudWatch: read as
   * terms, a regex would be a literal that no event contains, and every event CloudWatch matched would be dropped.
   * An unterminated phrase is an IllegalArgumentException.
   */
  public FilterTerms clientSideTerms() {
    String p = filterPattern == null ? "" : filterPattern.trim();
    boolean regex = p.length() >= 2 && p.startsWith("%") && p.endsWith("%");
    return p.startsWith("{") || p.startsWith("[") || regex ? FilterTerms.MATCH_ALL : FilterTerms.parse(p);
  }
}

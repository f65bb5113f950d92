package io.watchstream.ingest.metrics;

import io.watchstream.ingest.config.MetricSelector;
import io.watchstream.schemas.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/**
 * Turns a selector and the metrics ListMetrics returned for it into concrete series, one per statistic.
 * Pure: the ListMetrics calls happen in {@link MetricCatalog}. Duplicates are dropped (moto repeats a
 * metric once per stored datapoint, and overlapping selectors may name the same series twice).
 */
public final class SelectorExpander {

  private final MetricSelector selector;
  private final Glob metricName;
  private final Map<String, Glob> dimensionPatterns = new LinkedHashMap<>();

  public SelectorExpander(MetricSelector selector) {
    this.selector = selector;
    this.metricName = Glob.of(selector.metricName());
    selector.dimensions().forEach((name, pattern) -> dimensionPatterns.put(name, Glob.of(pattern)));
  }

  /** The narrowest ListMetrics request for this selector; wildcards are matched client-side. */
  public ListMetricsRequest listRequest() {
    ListMetricsRequest.Builder b = ListMetricsRequest.builder().namespace(selector.namespace());
    if (metricName.isLiteral()) {
      b.metricName(selector.metricName());
    }
    List<DimensionFilter> filters = new ArrayList<>();
    dimensionPatterns.forEach((name, glob) -> filters.add(glob.isLiteral()
        ? DimensionFilter.builder().name(name).value(glob.text()).build()
        : DimensionFilter.builder().name(name).build()));
    if (!filters.isEmpty()) {
      b.dimensions(filters);
    }
    return b.build();
  }

  public boolean matches(Metric m) {
    if (!selector.namespace().equals(m.namespace()) || !metricName.matches(m.metricName())) {
      return false;
    }
    Map<String, String> dims = new LinkedHashMap<>();
    m.dimensions().forEach(d -> dims.put(d.name(), d.value()));
    if (!selector.allowOtherDimensions() && !dims.keySet().equals(dimensionPatterns.keySet())) {
      return false;
    }
    for (Map.Entry<String, Glob> p : dimensionPatterns.entrySet()) {
      if (!p.getValue().matches(dims.get(p.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Every matching metric times every statistic, de-duplicated, in first-seen order. */
  public Set<SeriesId> expand(Iterable<Metric> listed) {
    Set<SeriesId> out = new LinkedHashSet<>();
    for (Metric m : listed) {
      if (!matches(m)) {
        continue;
      }
      Map<String, String> dims = new LinkedHashMap<>();
      m.dimensions().forEach(d -> dims.put(d.name(), d.value()));
      for (String stat : selector.statistics()) {
        out.add(new SeriesId(m.namespace(), m.metricName(), new java.util.TreeMap<>(dims), stat, selector.period(),
            selector.unit(), new ArrayList<>(dims.keySet())));
      }
    }
    return out;
  }
}

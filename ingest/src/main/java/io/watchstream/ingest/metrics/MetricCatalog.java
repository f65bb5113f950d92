package io.watchstream.ingest.metrics;

import io.watchstream.ingest.config.MetricSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/**
 * The concrete series this instance polls, from ListMetrics (all pages) for every selector, restricted to
 * this instance's shard. Refreshed periodically by the service: new instances appear, and metrics that
 * CloudWatch no longer lists (nothing published for about two weeks) disappear.
 */
public final class MetricCatalog {

  /** The series found, and how many ListMetrics pages it took (for the cost estimate). */
  public record Listing(List<SeriesId> series, int pages) {}

  private final CloudWatchClient cloudWatch;
  private final List<MetricSelector> selectors;
  private final ShardFilter shard;

  public MetricCatalog(CloudWatchClient cloudWatch, List<MetricSelector> selectors, ShardFilter shard) {
    this.cloudWatch = cloudWatch;
    this.selectors = selectors;
    this.shard = shard;
  }

  public Listing list() {
    Set<SeriesId> all = new LinkedHashSet<>();
    int pages = 0;
    for (MetricSelector selector : selectors) {
      SelectorExpander expander = new SelectorExpander(selector);
      List<Metric> listed = new ArrayList<>();
      for (ListMetricsResponse page : cloudWatch.listMetricsPaginator(expander.listRequest())) {
        pages++;
        listed.addAll(page.metrics());
      }
      for (SeriesId s : expander.expand(listed)) {
        // Shard by metric (without statistic) so all statistics of one metric land on one instance.
        if (shard.owns(s.namespace() + "/" + s.metricName() + s.dimensions())) {
          all.add(s);
        }
      }
    }
    // A stable order keeps batch membership stable between refreshes.
    List<SeriesId> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(SeriesId::canonical));
    return new Listing(List.copyOf(sorted), pages);
  }
}

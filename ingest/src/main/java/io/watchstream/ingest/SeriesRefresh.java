package io.watchstream.ingest;

import io.watchstream.ingest.config.MetricsConfig;
import io.watchstream.ingest.metrics.MetricCatalog;
import io.watchstream.ingest.metrics.MetricPoller;
import io.watchstream.ingest.metrics.SeriesId;
import io.watchstream.ingest.ops.IngestMetrics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The series ingest polls: listed from CloudWatch by the refresh duty, read by the poll loop and {@code /health}. */
final class SeriesRefresh {

  private static final Logger log = LoggerFactory.getLogger(SeriesRefresh.class);

  private final MetricsConfig config;
  private final MetricCatalog catalog;
  private final MetricPoller poller;
  private final IngestMetrics meters;
  private final Duty duty;
  private volatile List<SeriesId> series = List.of();

  SeriesRefresh(MetricsConfig config, MetricCatalog catalog, MetricPoller poller, IngestMetrics meters, Duty duty) {
    this.config = config;
    this.catalog = catalog;
    this.poller = poller;
    this.meters = meters;
    this.duty = duty;
  }

  List<SeriesId> current() {
    return series;
  }

  /** Lists the series again; the poller drops the state of series no longer listed. */
  MetricCatalog.Listing refresh() {
    if (config.selectors().isEmpty()) {
      return new MetricCatalog.Listing(List.of(), 0);
    }
    MetricCatalog.Listing listing = catalog.list();
    if (listing.series().isEmpty() && !series.isEmpty()) {
      // CloudWatch lists a metric for two weeks after its last datapoint, so every series vanishing at once is an
      // answer of the wrong shape (a proxy's page the SDK read as an empty list), not news: keep polling them.
      log.warn("ListMetrics returned no series where {} were listed before; keeping the previous list", series.size());
      duty.succeeded(config.refreshInterval());
      return new MetricCatalog.Listing(series, listing.pages());
    }
    series = listing.series();
    poller.retainOnly(series);
    meters.seriesPolled(series.size());
    duty.succeeded(config.refreshInterval());
    return listing;
  }
}

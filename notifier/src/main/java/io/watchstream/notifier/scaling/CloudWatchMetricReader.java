package io.watchstream.notifier.scaling;

import io.watchstream.notifier.slack.MetricRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Latest datapoint of a metric series from CloudWatch GetMetricData over the last few periods. The start
 * is aligned to the period because CloudWatch (and moto) bucket from the request's start time.
 */
public final class CloudWatchMetricReader implements MetricReader {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetricReader.class);
  private static final int LOOK_BACK_PERIODS = 5;

  private final CloudWatchClient cloudWatch;

  public CloudWatchMetricReader(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public OptionalDouble latest(String seriesKey, Instant now) {
    MetricRef m;
    try {
      m = MetricRef.parse(seriesKey, null);
    } catch (RuntimeException e) {
      return OptionalDouble.empty(); // log series have no metric to compare
    }
    long period = m.periodSeconds();
    Instant end = Instant.ofEpochSecond((now.getEpochSecond() / period + 1) * period);
    Instant start = end.minus(Duration.ofSeconds(period * (LOOK_BACK_PERIODS + 1)));
    List<Dimension> dims = m.dimensions().entrySet().stream()
        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    try {
      GetMetricDataResponse r = cloudWatch.getMetricData(req -> req.startTime(start).endTime(end)
          .scanBy(ScanBy.TIMESTAMP_DESCENDING)
          .metricDataQueries(q -> q.id("m0").returnData(true).metricStat(s -> s.period((int) period).stat(m.statistic())
              .metric(x -> x.namespace(m.namespace()).metricName(m.metricName()).dimensions(dims)))));
      for (MetricDataResult result : r.metricDataResults()) {
        if (!result.values().isEmpty()) {
          // newest first was requested, but do not trust every implementation to honour it
          int newest = 0;
          for (int i = 1; i < result.timestamps().size(); i++) {
            if (result.timestamps().get(i).isAfter(result.timestamps().get(newest))) {
              newest = i;
            }
          }
          return OptionalDouble.of(result.values().get(newest));
        }
      }
    } catch (SdkException e) {
      LOG.warn("Could not read {} from CloudWatch: {}", seriesKey, e.getMessage());
    }
    return OptionalDouble.empty();
  }
}

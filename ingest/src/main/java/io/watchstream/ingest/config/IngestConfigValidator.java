package io.watchstream.ingest.config;

import io.watchstream.ingest.config.LogSource;
import io.watchstream.ingest.config.MetricSelector;
import io.watchstream.runtime.config.Durations;
import io.watchstream.runtime.config.CloudWatchPeriods;
import io.watchstream.runtime.config.FieldProblem;
import io.watchstream.runtime.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a loaded configuration before anything starts, and reports every problem at once so that
 * one edit fixes the file. Each problem names its field, so {@link io.watchstream.runtime.config.YamlConfig} points at
 * its line; the service refuses to start (exit code 2) when this returns problems.
 */
public final class IngestConfigValidator {


  private IngestConfigValidator() {}

  public static List<FieldProblem> problems(IngestConfig c) {
    List<FieldProblem> p = new ArrayList<>();
    p.addAll(KafkaConnection.problems("kafka", c.kafka().properties(), c.kafka().registry()));
    if (c.metrics().selectors().isEmpty() && c.logs().sources().isEmpty()) {
      p.add(FieldProblem.ofFile("nothing to ingest: configure at least one metrics.selectors entry or logs.sources entry"));
    }
    for (int i = 0; i < c.metrics().selectors().size(); i++) {
      selectorProblems("metrics.selectors[" + i + "]", c.metrics().selectors().get(i), p);
    }
    for (int i = 0; i < c.logs().sources().size(); i++) {
      LogSource s = c.logs().sources().get(i);
      if (s == null || blank(s.logGroup())) {
        p.add(new FieldProblem("logs.sources[" + i + "]", "logGroup is required"));
      }
      if (s != null) {
        try {
          s.clientSideTerms();
        } catch (IllegalArgumentException e) {
          p.add(new FieldProblem("logs.sources[" + i + "].filterPattern", e.getMessage()));
        }
      }
    }
    positive("metrics.pollInterval", c.metrics().pollInterval(), p);
    positive("metrics.refreshInterval", c.metrics().refreshInterval(), p);
    positive("logs.pollInterval", c.logs().pollInterval(), p);
    notNegative("metrics.overlap", c.metrics().overlap(), p);
    notNegative("metrics.initialLookback", c.metrics().initialLookback(), p);
    notNegative("logs.overlap", c.logs().overlap(), p);
    notNegative("logs.initialLookback", c.logs().initialLookback(), p);
    if (c.metrics().maxQueriesPerCall() < 1 || c.metrics().maxQueriesPerCall() > 500) {
      p.add(new FieldProblem("metrics.maxQueriesPerCall", "must be between 1 and 500 (GetMetricData's limit), got " + c.metrics().maxQueriesPerCall()));
    }
    if (c.logs().requestsPerSecond() <= 0) {
      p.add(new FieldProblem("logs.requestsPerSecond", "must be > 0, got " + c.logs().requestsPerSecond()));
    }
    if (c.logs().pageLimit() < 1 || c.logs().pageLimit() > 10_000) {
      p.add(new FieldProblem("logs.pageLimit", "must be between 1 and 10000, got " + c.logs().pageLimit()));
    }
    if (c.backfill().maxCallsPerSecond() <= 0) {
      p.add(new FieldProblem("backfill.maxCallsPerSecond", "must be > 0, got " + c.backfill().maxCallsPerSecond()));
    }
    if (c.shard().count() < 1) {
      p.add(new FieldProblem("shard.count", "must be >= 1, got " + c.shard().count()));
    } else if (c.shard().index() < 0 || c.shard().index() >= c.shard().count()) {
      p.add(new FieldProblem("shard.index", "must be >= 0 and < shard.count (" + c.shard().count() + "), got " + c.shard().index()));
    }
    positive("bounds.maxFutureSkew", c.bounds().maxFutureSkew(), p);
    positive("bounds.maxPastAge", c.bounds().maxPastAge(), p);
    if (c.bounds().maxRecordBytes() < 10_000) {
      p.add(new FieldProblem("bounds.maxRecordBytes", "must be >= 10000, got " + c.bounds().maxRecordBytes()));
    }
    if (c.aws().maxAttempts() < 1) {
      p.add(new FieldProblem("aws.maxAttempts", "must be >= 1, got " + c.aws().maxAttempts()));
    }
    positive("aws.apiCallTimeout", c.aws().apiCallTimeout(), p);
    if (c.kafka().partitions() < 1) {
      p.add(new FieldProblem("kafka.partitions", "must be >= 1, got " + c.kafka().partitions()));
    }
    if (c.kafka().replicationFactor() != null && c.kafka().replicationFactor() < 1) {
      p.add(new FieldProblem("kafka.replicationFactor", "must be >= 1, got " + c.kafka().replicationFactor()));
    }
    positive("backfill.chunk", c.backfill().chunk(), p);
    if (c.http().port() < -1 || c.http().port() > 65535) {
      p.add(new FieldProblem("http.port", "must be a port number 1-65535, 0 for any free port or -1 for none, got " + c.http().port()));
    }
    notNegative("cost.perThousandMetricsRequested", c.cost().perThousandMetricsRequested(), p);
    notNegative("cost.perThousandListMetricsRequests", c.cost().perThousandListMetricsRequests(), p);
    notNegative("cost.perThousandLogsRequests", c.cost().perThousandLogsRequests(), p);
    return p;
  }

  private static void selectorProblems(String where, MetricSelector s, List<FieldProblem> p) {
    if (s == null) {
      p.add(new FieldProblem(where, "empty selector (needs namespace, metricName and statistics)"));
      return;
    }
    if (blank(s.namespace())) {
      p.add(new FieldProblem(where, "namespace is required (empty selector)"));
    }
    if (blank(s.metricName())) {
      p.add(new FieldProblem(where, "metricName is required (empty selector)"));
    }
    if (s.statistics().isEmpty()) {
      p.add(new FieldProblem(where, "statistics is empty (empty selector); use e.g. [Average]"));
    }
    for (int i = 0; i < s.statistics().size(); i++) {
      if (!Statistics.isKnown(s.statistics().get(i))) {
        // the value is not quoted: a misplaced secret must not reach the log; the location points at it
        p.add(new FieldProblem(where + ".statistics[" + i + "]",
            "unknown statistic (known: Average, Sum, Minimum, Maximum, SampleCount, pNN)"));
      }
    }
    s.dimensions().forEach((name, pattern) -> {
      if (blank(name) || pattern == null || pattern.isEmpty()) {
        p.add(new FieldProblem(where, "dimension filter '" + name + "' needs a name and a value pattern (use * for any value)"));
      }
    });
    CloudWatchPeriods.problem(Duration.ofSeconds(s.period()), s.highResolution())
        .ifPresent(why -> p.add(new FieldProblem(where + ".period", why)));
  }

  private static void positive(String name, Duration d, List<FieldProblem> p) {
    if (d.isZero() || d.isNegative()) {
      p.add(new FieldProblem(name, "must be positive, got " + Durations.format(d)));
    }
  }

  private static void notNegative(String name, Duration d, List<FieldProblem> p) {
    if (d.isNegative()) {
      p.add(new FieldProblem(name, "must not be negative, got " + Durations.format(d)));
    }
  }

  private static void notNegative(String name, double d, List<FieldProblem> p) {
    if (d < 0) {
      p.add(new FieldProblem(name, "must not be negative, got " + d));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

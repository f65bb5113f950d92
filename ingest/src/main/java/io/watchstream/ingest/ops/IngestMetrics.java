package io.watchstream.ingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's own meters, exported on {@code /metrics} (Prometheus names: {@code watchstream_ingest_*}).
 * AWS call counts, retries, throttles and errors come from {@link AwsSdkMetricsPublisher}; this class
 * holds what only the service knows: records written, cycle outcomes and how far behind now it is.
 */
public final class IngestMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter datapoints;
  private final Counter backfillDatapoints;
  private final Counter logEvents;
  private final Counter transactions;
  private final AtomicLong metricsPolledThroughMillis = new AtomicLong(-1);
  private final AtomicLong logsWatermarkMillis = new AtomicLong(-1);
  private final AtomicInteger series = new AtomicInteger();

  public IngestMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.datapoints = Counter.builder("watchstream.ingest.datapoints").description("Metric datapoints written to Kafka (new or changed)")
        .tag("source", "cloudwatch").register(registry);
    this.backfillDatapoints = Counter.builder("watchstream.ingest.datapoints").description("Metric datapoints written to Kafka (new or changed)")
        .tag("source", "backfill").register(registry);
    this.logEvents = Counter.builder("watchstream.ingest.log.events").description("Log events written to Kafka").register(registry);
    this.transactions = Counter.builder("watchstream.ingest.transactions").description("Kafka transactions committed (data + checkpoints)").register(registry);
    Gauge.builder("watchstream.ingest.series", series, AtomicInteger::get).description("Series currently polled by this instance").register(registry);
    Gauge.builder("watchstream.ingest.lag.seconds", this, m -> m.lagSeconds(m.metricsPolledThroughMillis.get()))
        .description("How far behind now the least advanced series has been read").tag("kind", "metrics").register(registry);
    Gauge.builder("watchstream.ingest.lag.seconds", this, m -> m.lagSeconds(m.logsWatermarkMillis.get()))
        .description("How far behind now the least advanced log source has been read").tag("kind", "logs").register(registry);
    for (String topic : new String[] {"metrics", "logs"}) {
      for (String kind : new String[] {"bad-record", "out-of-bounds"}) {
        Counter.builder("watchstream.ingest.set.aside").description("Records set aside to the .dlq topics, by topic and kind")
            .tag("topic", topic).tag("kind", kind).register(registry);
      }
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void datapointsWritten(int n, boolean backfill) {
    (backfill ? backfillDatapoints : datapoints).increment(n);
  }

  public void logEventsWritten(int n) {
    logEvents.increment(n);
  }

  public void transactionCommitted() {
    transactions.increment();
  }

  /** One record set aside to {@code <topic>.dlq}; {@code kind} is its {@code watchstream.error.kind}. */
  public void setAside(String topic, String kind) {
    registry.counter("watchstream.ingest.set.aside", "topic", topic, "kind", kind).increment();
  }

  public void cycle(String kind, boolean ok) {
    registry.counter("watchstream.ingest.cycles", "kind", kind, "outcome", ok ? "ok" : "failed").increment();
  }

  public void seriesPolled(int n) {
    series.set(n);
  }

  public void metricsPolledThrough(long millis) {
    metricsPolledThroughMillis.set(millis);
  }

  public void logsReadThrough(long millis) {
    logsWatermarkMillis.set(millis);
  }

  private double lagSeconds(long millis) {
    return millis < 0 ? Double.NaN : Math.max(0, clock.millis() - millis) / 1000.0;
  }
}
